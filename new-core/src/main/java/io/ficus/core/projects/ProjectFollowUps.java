package io.ficus.core.projects;

import io.ficus.core.shared.FollowUp;
import io.ficus.core.shared.Origin;
import io.ficus.core.users.UserRegistered;
import org.springframework.stereotype.Component;

/** The module's cascades after the users and memberships modules' decisions of the core (the legacy sends its own). */
@Component
class ProjectFollowUps {

    private final ProjectRepository projects;
    private final ProjectLocks locks;

    ProjectFollowUps(ProjectRepository projects, ProjectLocks locks) {
        this.projects = projects;
        this.locks = locks;
    }

    /** Every registered user gets a default project (idempotent: its id derives from the user's). */
    @FollowUp
    void on(UserRegistered event) {
        if (event.origin() == Origin.CORE) {
            projects.save(Project.defaultFor(event.user().id(), event.user().createdAt()));
        }
    }

    /** The last admin deleted their account: the project goes, as in the legacy. */
    @FollowUp
    void on(ProjectAbandoned event) {
        locks.lock(event.projectId());
        projects.find(event.projectId()).ifPresent(p -> {
            p.delete(Origin.CORE);
            projects.save(p);
        });
    }
}
