package io.ficus.core.projects;

import io.ficus.core.shared.FollowUp;
import io.ficus.core.shared.Origin;
import io.ficus.core.users.UserRegistered;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/** The module's cascades after the users and memberships modules' decisions of the core (the legacy sends its own). */
@Component
class ProjectFollowUps {

    private final ProjectRepository projects;
    private final ProjectLocks locks;
    private final ApplicationEventPublisher events;

    ProjectFollowUps(ProjectRepository projects, ProjectLocks locks, ApplicationEventPublisher events) {
        this.projects = projects;
        this.locks = locks;
        this.events = events;
    }

    /** Every registered user gets a default project (idempotent: its id derives from the user's). */
    @FollowUp
    void on(UserRegistered event) {
        if (event.origin() != Origin.CORE) {
            return;
        }
        UUID id = UUID.nameUUIDFromBytes(("default-project:" + event.user().id()).getBytes(StandardCharsets.UTF_8));
        Project project = new Project(id, Project.DEFAULT_NAME, null, event.user().createdAt(), 1);
        if (projects.insert(project)) {
            events.publishEvent(new ProjectCreated(project.state(), event.user().id(), true, 1, Origin.CORE));
        }
    }

    /** The last admin deleted their account: the project goes, as in the legacy. */
    @FollowUp
    void on(ProjectAbandoned event) {
        locks.lock(event.projectId());
        projects.find(event.projectId()).ifPresent(p -> {
            projects.delete(p.id());
            events.publishEvent(new ProjectDeleted(p.id(), p.version() + 1, Origin.CORE));
        });
    }
}
