package io.ficus.legacy.projects;

import io.ficus.legacy.memberships.Membership;
import io.ficus.legacy.memberships.MembershipRepository;
import io.ficus.legacy.memberships.ProjectAccess;
import io.ficus.legacy.security.Caller;
import io.ficus.support.web.Checks;
import io.ficus.legacy.support.Timestamps;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Projects: create (caller becomes accepted admin, no phases), read, change, delete with contents. */
@Service
public class ProjectService {

    private final ProjectRepository projects;
    private final MembershipRepository memberships;
    private final ProjectAccess access;
    private final ProjectRemoval removal;

    ProjectService(ProjectRepository projects, MembershipRepository memberships, ProjectAccess access, ProjectRemoval removal) {
        this.projects = projects;
        this.memberships = memberships;
        this.access = access;
        this.removal = removal;
    }

    @Transactional
    public ProjectView create(Caller caller, String name, String description) {
        Checks.text("name", name, 100);
        Checks.optionalText("description", description, 1000);
        LocalDateTime now = Timestamps.now();
        Project project = projects.save(new Project(UUID.randomUUID().toString(), name, description, now));
        memberships.save(new Membership(UUID.randomUUID().toString(), project.getId(), caller.id(), Membership.ADMIN,
                Membership.ACCEPTED, now));
        projects.flush();
        return ProjectView.of(project);
    }

    @Transactional(readOnly = true)
    public List<ProjectView> mine(Caller caller) {
        return projects.findAcceptedFor(caller.id()).stream().map(ProjectView::of).toList();
    }

    @Transactional(readOnly = true)
    public ProjectView get(Caller caller, String id) {
        return ProjectView.of(access.member(caller, id));
    }

    @Transactional
    public ProjectView update(Caller caller, String id, ProjectPatch patch) {
        Project project = access.adminForUpdate(caller, id);
        LocalDateTime now = Timestamps.now();
        if (patch.has("name")) {
            project.rename(Checks.text("name", patch.getName(), 100), now);
        }
        if (patch.has("description")) {
            project.describe(Checks.optionalText("description", patch.getDescription(), 1000), now);
        }
        projects.flush();
        return ProjectView.of(project);
    }

    @Transactional
    public void delete(Caller caller, String id) {
        access.adminForUpdate(caller, id);
        removal.remove(id, Timestamps.now());
    }
}
