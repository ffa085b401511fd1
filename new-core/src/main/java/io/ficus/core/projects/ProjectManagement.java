package io.ficus.core.projects;

import io.ficus.support.web.ApiException;
import io.ficus.core.shared.Caller;
import io.ficus.support.web.Checks;
import io.ficus.core.shared.MemberTable;
import io.ficus.core.shared.Origin;
import io.ficus.core.shared.Timestamps;
import java.util.List;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The project use cases: each one transaction on one project, under its lock. */
@Service
public class ProjectManagement {

    private final ProjectRepository projects;
    private final MemberTable members;
    private final ProjectLocks locks;
    private final ApplicationEventPublisher events;

    ProjectManagement(ProjectRepository projects, ProjectLocks locks, JdbcClient jdbc, ApplicationEventPublisher events) {
        this.projects = projects;
        this.locks = locks;
        this.members = new MemberTable(jdbc, "projects_member");
        this.events = events;
    }

    @Transactional
    public Project create(Caller caller, CreateProject command) {
        Checks.text("name", command.name(), 100);
        Checks.optionalText("description", command.description(), 1000);
        Project project = new Project(UUID.randomUUID(), command.name(), command.description(), Timestamps.now(), 1);
        projects.insert(project);
        events.publishEvent(new ProjectCreated(project.state(), caller.id(), false, 1, Origin.CORE));
        return project;
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
        if (command.has("name")) {
            project = project.renamed(Checks.text("name", command.name(), 100));
        }
        if (command.has("description")) {
            project = project.described(Checks.optionalText("description", command.description(), 1000));
        }
        project = project.nextVersion();
        projects.update(project);
        events.publishEvent(new ProjectChanged(project.state(), project.version(), Origin.CORE));
        return project;
    }

    /** Deletes the project; its phases, tickets and memberships follow from {@link ProjectDeleted}. */
    @Transactional
    public void delete(Caller caller, UUID id) {
        locks.lockExisting(id);
        Project project = load(id);
        members.requireAdmin(caller, id);
        remove(project, Origin.CORE);
    }

    private Project load(UUID id) {
        return projects.find(id).orElseThrow(() -> ApiException.notFound("no project " + id));
    }

    private void remove(Project project, Origin origin) {
        projects.delete(project.id());
        events.publishEvent(new ProjectDeleted(project.id(), project.version() + 1, origin));
    }
}
