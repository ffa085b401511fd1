package io.ficus.core.tickets;

import io.ficus.core.projects.ProjectLocks;
import io.ficus.core.shared.FollowUp;
import io.ficus.core.shared.Origin;
import io.ficus.core.shared.events.MembershipRemoved;
import io.ficus.core.projects.ProjectDeleted;
import io.ficus.core.users.UserDeleted;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** The module's cascades after other modules' decisions of the core (the legacy sends its own). */
@Component
class TicketFollowUps {

    private final TicketRepository tickets;
    private final ProjectLocks locks;

    TicketFollowUps(TicketRepository tickets, ProjectLocks locks) {
        this.tickets = tickets;
        this.locks = locks;
    }

    /** A deleted project's tickets go with it. */
    @FollowUp
    void on(ProjectDeleted event) {
        if (event.origin() == Origin.CORE) {
            tickets.inProject(event.projectId(), null, null).forEach(t -> {
                t.delete(Origin.CORE);
                tickets.save(t);
            });
        }
    }

    /**
     * A removed member is unassigned from the project's tickets, under the project's lock: a
     * ticket assigned before the removal committed is found here, one assigned after it was
     * refused (the member read model changed in the removing transaction).
     */
    @FollowUp
    void on(MembershipRemoved event) {
        if (event.origin() == Origin.CORE && event.projectId() != null) {
            locks.lock(event.projectId());
            tickets.inProject(event.projectId(), null, event.userId()).forEach(t -> unassign(t, event.userId()));
        }
    }

    /** A deleted user is unassigned from every ticket. */
    @FollowUp
    void on(UserDeleted event) {
        if (event.origin() == Origin.CORE) {
            locks.lockAll(tickets.assignedTo(event.userId()).stream().map(Ticket::projectId)
                    .collect(Collectors.toCollection(TreeSet::new)));
            tickets.assignedTo(event.userId()).forEach(t -> unassign(t, event.userId()));
        }
    }

    private void unassign(Ticket ticket, UUID user) {
        ticket.unassign(user);
        tickets.save(ticket);
    }
}
