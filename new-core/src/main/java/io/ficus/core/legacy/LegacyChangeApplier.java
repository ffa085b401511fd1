package io.ficus.core.legacy;

import io.ficus.contracts.EntityType;
import io.ficus.contracts.LegacyChange;
import io.ficus.core.legacy.StaleChangeGuard.Decision;
import io.ficus.core.ownership.Ownership;
import io.ficus.core.shared.AggregateChanged;
import io.ficus.core.shared.Origin;
import io.ficus.core.memberships.MembershipLegacyChanges;
import io.ficus.core.phases.PhaseLegacyChanges;
import io.ficus.core.projects.ProjectLegacyChanges;
import io.ficus.core.tickets.TicketLegacyChanges;
import io.ficus.core.users.UserLegacyChanges;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies legacy changes, idempotently and in source order: one change, or a batch of them
 * (what one poll of a partition returned) in one transaction; a stale one (committed before a change the core made of
 * the same aggregate) is resolved by {@link StaleChangeGuard}.
 */
@Service
class LegacyChangeApplier {

    private static final Logger log = LoggerFactory.getLogger(LegacyChangeApplier.class);

    private final SourcePositions positions;
    private final UserLegacyChanges users;
    private final ProjectLegacyChanges projects;
    private final MembershipLegacyChanges memberships;
    private final PhaseLegacyChanges phases;
    private final TicketLegacyChanges tickets;
    private final CoreChangeTimes coreChanges;
    private final Ownership ownership;
    private final LegacyConflicts conflicts;
    private final ApplicationEventPublisher events;
    /** While a legacy change is applied on this thread: it, and the aggregate change its module published. */
    private final ThreadLocal<Applying> applying = new ThreadLocal<>();

    private static final class Applying {
        final LegacyChange change;
        AggregateChanged published;

        Applying(LegacyChange change) {
            this.change = change;
        }
    }

    LegacyChangeApplier(SourcePositions positions, UserLegacyChanges users, ProjectLegacyChanges projects,
                        MembershipLegacyChanges memberships, PhaseLegacyChanges phases, TicketLegacyChanges tickets,
                        CoreChangeTimes coreChanges, Ownership ownership, LegacyConflicts conflicts,
                        ApplicationEventPublisher events) {
        this.coreChanges = coreChanges;
        this.ownership = ownership;
        this.conflicts = conflicts;
        this.events = events;
        this.positions = positions;
        this.users = users;
        this.projects = projects;
        this.memberships = memberships;
        this.phases = phases;
        this.tickets = tickets;
    }

    /**
     * Applies {@code changes} in their order, in one transaction: all of them or none. The batch is cut into segments in
     * which no entity occurs twice; for each segment the source positions are advanced in one round trip and the core's
     * last own changes read in one query, and each run of consecutive ticket changes that apply without a conflict is
     * stored by {@link TicketLegacyChanges#applyAll} in a few round trips. Within a segment no step reads what another
     * entity's step writes, so the outcome is the one of {@link #apply} called for each change in turn.
     *
     * @return how many were applied (the others were duplicates or older than what is stored)
     */
    @Transactional
    int applyAll(List<LegacyChange> changes) {
        int applied = 0;
        int from = 0;
        java.util.Set<UUID> seen = new java.util.HashSet<>();
        for (int i = 0; i < changes.size(); i++) {
            if (!seen.add(changes.get(i).entityId())) {
                applied += applySegment(changes.subList(from, i));
                from = i;
                seen.clear();
                seen.add(changes.get(i).entityId());
            }
        }
        return applied + applySegment(changes.subList(from, changes.size()));
    }

    /** Changes of distinct entities, in their order. */
    private int applySegment(List<LegacyChange> segment) {
        if (segment.isEmpty()) {
            return 0;
        }
        boolean[] newer = positions.advanceAll(segment);
        java.util.Set<EntityType> types = java.util.EnumSet.noneOf(EntityType.class);
        java.util.Set<UUID> ids = new java.util.HashSet<>();
        for (int i = 0; i < segment.size(); i++) {
            if (newer[i]) {
                types.add(segment.get(i).entityType());
                ids.add(segment.get(i).entityId());
            }
        }
        var lastChanges = coreChanges.lastOf(types, ids);
        int applied = 0;
        List<LegacyChange> ticketRun = new java.util.ArrayList<>();
        for (int i = 0; i < segment.size(); i++) {
            LegacyChange change = segment.get(i);
            if (!newer[i]) {
                log.debug("Skipping {} {} at lsn {}: not newer than what is applied", change.entityType(), change.entityId(),
                        change.source().lsn());
                continue;
            }
            var last = lastChanges.getOrDefault(change.entityType(), java.util.Map.of()).get(change.entityId());
            Decision decision = decide(change, last);
            if (!decision.applies()) {
                continue;
            }
            applied++;
            if (change.entityType() == EntityType.TICKET && !decision.republishes()) {
                ticketRun.add(change);
                continue;
            }
            flushTickets(ticketRun);
            applyDecided(change, decision);
        }
        flushTickets(ticketRun);
        return applied;
    }

    private void flushTickets(List<LegacyChange> run) {
        if (!run.isEmpty()) {
            tickets.applyAll(run);
            run.clear();
        }
    }

    /** The stale-change guard's decision for a change newer than every one applied to its entity; conflicts recorded. */
    private Decision decide(LegacyChange change, CoreChangeTimes.CoreChange last) {
        Decision decision = StaleChangeGuard.decide(last, change, ownership.ownsWritesOf(groupOf(change.entityType())));
        if (decision.conflict()) {
            conflicts.record(change, last, decision);
        }
        return decision;
    }

    /**
     * @return whether the change was applied (false: a duplicate, older than what is stored, or stale and kept out by
     *         the core, which owns the group)
     */
    @Transactional
    boolean apply(LegacyChange change) {
        if (!positions.advance(change)) {
            log.debug("Skipping {} {} at lsn {}: not newer than what is applied", change.entityType(), change.entityId(),
                    change.source().lsn());
            return false;
        }
        Decision decision = decide(change, coreChanges.last(change.entityType(), change.entityId()).orElse(null));
        if (!decision.applies()) {
            return false;
        }
        applyDecided(change, decision);
        return true;
    }

    /** Applies a change the guard let through, and publishes its state back when the decision says so. */
    private void applyDecided(LegacyChange change, Decision decision) {
        var current = new Applying(change);
        applying.set(current);
        try {
            applyToModule(change);
        } finally {
            applying.remove();
        }
        if (decision.republishes() && current.published != null) {
            events.publishEvent(Republished.of(current.published));
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

    private void applyToModule(LegacyChange change) {
        switch (change.entityType()) {
            case USER -> users.apply(change);
            case PROJECT -> projects.apply(change);
            case MEMBERSHIP -> memberships.apply(change);
            case PHASE -> phases.apply(change);
            case TICKET -> tickets.apply(change);
        }
    }
}
