package io.ficus.core.projects;

import io.ficus.support.web.ApiException;
import io.ficus.core.shared.Caller;
import io.ficus.core.shared.MemberTable;
import io.ficus.core.shared.Origin;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The project use cases: each one transaction on one project, under its lock. */
@Service
public class ProjectManagement {

    private final ProjectRepository projects;
    private final MemberTable members;
    private final ProjectLocks locks;

    ProjectManagement(ProjectRepository projects, ProjectLocks locks, JdbcClient jdbc) {
        this.projects = projects;
        this.locks = locks;
        this.members = new MemberTable(jdbc, "projects_member");
    }

    /** Creates the project; its creator becomes its admin through {@link ProjectCreated}. */
    @Transactional
    public Project create(Caller caller, CreateProject command) {
        return projects.save(Project.create(command, caller.id()));
    }

    @Transactional(readOnly = true)
    public List<Project> mine(Caller caller) {
        return projects.acceptedFor(caller.id());
    }

    @Transactional(readOnly = true)
    public Project get(Caller caller, UUID id) {
        Project project = load(id);
        members.requireMember(caller, id);
        return project;
    }

    @Transactional
    public Project change(Caller caller, ChangeProject command) {
        locks.lockExisting(command.projectId());
        Project project = load(command.projectId());
        members.requireAdmin(caller, project.id());
        project.change(command);
        return projects.save(project);
    }

    /** Deletes the project; its phases, tickets and memberships follow from {@link ProjectDeleted}. */
    @Transactional
    public void delete(Caller caller, UUID id) {
        locks.lockExisting(id);
        Project project = load(id);
        members.requireAdmin(caller, id);
        project.delete(Origin.CORE);
        projects.save(project);
    }

    private Project load(UUID id) {
        return projects.find(id).orElseThrow(() -> ApiException.notFound("no project " + id));
    }
}
