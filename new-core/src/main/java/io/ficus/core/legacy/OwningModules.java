package io.ficus.core.legacy;

import io.ficus.contracts.EntityType;
import io.ficus.contracts.LegacyChange;
import io.ficus.core.memberships.MembershipLegacyChanges;
import io.ficus.core.phases.PhaseLegacyChanges;
import io.ficus.core.projects.ProjectLegacyChanges;
import io.ficus.core.shared.AggregateChanged;
import io.ficus.core.shared.Origin;
import io.ficus.core.tickets.TicketLegacyChanges;
import io.ficus.core.users.UserLegacyChanges;
import java.util.List;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The modules that own the aggregates the legacy changes: hands a change to its module, and tells which aggregate
 * change that module published for it (what a re-publication sends back to the legacy).
 */
@Component
class OwningModules {

    private final UserLegacyChanges users;
    private final ProjectLegacyChanges projects;
    private final MembershipLegacyChanges memberships;
    private final PhaseLegacyChanges phases;
    private final TicketLegacyChanges tickets;
    /** While a legacy change is applied on this thread: it, and the aggregate change its module published. */
    private final ThreadLocal<Applying> applying = new ThreadLocal<>();

    private static final class Applying {
        final LegacyChange change;
        AggregateChanged published;

        Applying(LegacyChange change) {
            this.change = change;
        }
    }

    OwningModules(UserLegacyChanges users, ProjectLegacyChanges projects, MembershipLegacyChanges memberships,
                  PhaseLegacyChanges phases, TicketLegacyChanges tickets) {
        this.users = users;
        this.projects = projects;
        this.memberships = memberships;
        this.phases = phases;
        this.tickets = tickets;
    }

    /** The gateway's route group of an entity type's writes. */
    static String groupOf(EntityType type) {
        return switch (type) {
            case USER -> "users";
            case PROJECT -> "projects";
            case MEMBERSHIP -> "memberships";
            case PHASE -> "phases";
            case TICKET -> "tickets";
        };
    }

    /** Applies the change in its module; the change of the aggregate that module published, or null (none). */
    AggregateChanged apply(LegacyChange change) {
        var current = new Applying(change);
        applying.set(current);
        try {
            switch (change.entityType()) {
                case USER -> users.apply(change);
                case PROJECT -> projects.apply(change);
                case MEMBERSHIP -> memberships.apply(change);
                case PHASE -> phases.apply(change);
                case TICKET -> tickets.apply(change);
            }
        } finally {
            applying.remove();
        }
        return current.published;
    }

    /**
     * Applies changes of distinct entities of one type set-wise, in their module ({@code applyAll} of
     * {@link UserLegacyChanges}, {@link ProjectLegacyChanges}, {@link MembershipLegacyChanges}, {@link PhaseLegacyChanges},
     * {@link TicketLegacyChanges}).
     */
    void applyAll(EntityType type, List<LegacyChange> changes) {
        switch (type) {
            case USER -> users.applyAll(changes);
            case PROJECT -> projects.applyAll(changes);
            case MEMBERSHIP -> memberships.applyAll(changes);
            case PHASE -> phases.applyAll(changes);
            case TICKET -> tickets.applyAll(changes);
        }
    }

    /** Keeps the change the applying module published of the aggregate the applied legacy change concerns. */
    @EventListener
    void on(AggregateChanged change) {
        Applying current = applying.get();
        if (current != null && change.origin() == Origin.LEGACY && change.aggregateType() == current.change.entityType()
                && change.aggregateId().equals(current.change.entityId())) {
            current.published = change;
        }
    }
}
