package io.ficus.core.memberships;

import io.ficus.core.projects.ProjectAbandoned;
import io.ficus.core.projects.ProjectCreated;
import io.ficus.core.projects.ProjectDeleted;
import io.ficus.core.projects.ProjectLocks;
import io.ficus.core.shared.FollowUp;
import io.ficus.core.shared.Origin;
import io.ficus.core.users.UserDeleted;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/** The module's cascades after the projects and users modules' decisions of the core (the legacy sends its own). */
@Component
class MembershipFollowUps {

    private final MembershipRepository memberships;
    private final ProjectLocks locks;
    private final ApplicationEventPublisher events;

    MembershipFollowUps(MembershipRepository memberships, ProjectLocks locks, ApplicationEventPublisher events) {
        this.memberships = memberships;
        this.locks = locks;
        this.events = events;
    }

    /** A project's creator becomes its accepted admin (idempotent: the id derives from project and user). */
    @FollowUp
    void on(ProjectCreated event) {
        if (event.origin() != Origin.CORE || event.creatorId() == null) {
            return;
        }
        memberships.save(Membership.founder(event.project().id(), event.creatorId(), event.project().createdAt()));
    }

    /** A deleted project's memberships go with it. */
    @FollowUp
    void on(ProjectDeleted event) {
        if (event.origin() == Origin.CORE) {
            memberships.ofProject(event.projectId()).forEach(this::delete);
        }
    }

    /**
     * A deleted account loses its memberships; each project where it was the last accepted admin
     * is reported abandoned, and the projects module deletes it.
     */
    @FollowUp
    void on(UserDeleted event) {
        if (event.origin() != Origin.CORE) {
            return;
        }
        locks.lockAll(memberships.ofUser(event.userId()).stream().map(Membership::projectId)
                .collect(Collectors.toCollection(TreeSet::new)));
        for (Membership m : memberships.ofUser(event.userId())) {
            boolean lastAdmin = m.isAcceptedAdmin() && memberships.countAcceptedAdmins(m.projectId()) == 1;
            delete(m);
            if (lastAdmin) {
                events.publishEvent(new ProjectAbandoned(m.projectId()));
            }
        }
    }

    private void delete(Membership m) {
        m.delete(Origin.CORE);
        memberships.save(m);
    }
}
