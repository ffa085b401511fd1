package io.ficus.core.legacy;

import io.ficus.contracts.EntityType;
import io.ficus.contracts.LegacyChange;
import io.ficus.core.legacy.StaleChangeGuard.Decision;
import io.ficus.core.shared.AggregateChanged;
import io.ficus.support.ownership.WriteGuard;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
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
    private final OwningModules modules;
    private final CoreChangeTimes coreChanges;
    private final WriteGuard ownership;
    private final LegacyConflicts conflicts;
    private final ApplicationEventPublisher events;

    LegacyChangeApplier(SourcePositions positions, OwningModules modules, CoreChangeTimes coreChanges, WriteGuard ownership,
                        LegacyConflicts conflicts, ApplicationEventPublisher events) {
        this.positions = positions;
        this.modules = modules;
        this.coreChanges = coreChanges;
        this.ownership = ownership;
        this.conflicts = conflicts;
        this.events = events;
    }

    /**
     * Applies {@code changes} in their order, in one transaction: all of them or none. The batch is cut into segments in
     * which no entity occurs twice; for each segment the source positions are advanced in one round trip and the core's
     * last own changes read in one query, and each run of consecutive changes of one entity type that apply without a
     * conflict is stored set-wise by its module ({@link OwningModules#applyAll}) in a few round trips. Within a segment
     * no step reads what another entity's step writes, so the outcome is the one of {@link #apply} called for each
     * change in turn.
     *
     * @return how many were applied (the others were duplicates or older than what is stored)
     */
    @Transactional
    int applyAll(List<LegacyChange> changes) {
        int applied = 0;
        int from = 0;
        Set<UUID> seen = new HashSet<>();
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
        Set<EntityType> types = EnumSet.noneOf(EntityType.class);
        Set<UUID> ids = new HashSet<>();
        for (int i = 0; i < segment.size(); i++) {
            if (newer[i]) {
                types.add(segment.get(i).entityType());
                ids.add(segment.get(i).entityId());
            }
        }
        var lastChanges = coreChanges.lastOf(types, ids);
        int applied = 0;
        List<LegacyChange> run = new ArrayList<>();
        for (int i = 0; i < segment.size(); i++) {
            LegacyChange change = segment.get(i);
            if (!newer[i]) {
                log.debug("Skipping {} {} at lsn {}: not newer than what is applied", change.entityType(), change.entityId(),
                        change.source().lsn());
                continue;
            }
            var last = lastChanges.getOrDefault(change.entityType(), Map.of()).get(change.entityId());
            Decision decision = decide(change, last);
            if (!decision.applies()) {
                continue;
            }
            applied++;
            if (!run.isEmpty() && run.get(0).entityType() != change.entityType()) {
                flush(run);
            }
            if (!decision.republishes()) {
                run.add(change);
                continue;
            }
            flush(run);
            applyDecided(change, decision);
        }
        flush(run);
        return applied;
    }

    /** A run of consecutive changes of one entity type, applied by its module at once. */
    private void flush(List<LegacyChange> run) {
        if (!run.isEmpty()) {
            modules.applyAll(run.get(0).entityType(), run);
            run.clear();
        }
    }

    /** The stale-change guard's decision for a change newer than every one applied to its entity; conflicts recorded. */
    private Decision decide(LegacyChange change, CoreChangeTimes.CoreChange last) {
        Decision decision = StaleChangeGuard.decide(last, change, ownership.ownsWritesOf(OwningModules.groupOf(change.entityType())));
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
        AggregateChanged published = modules.apply(change);
        if (decision.republishes() && published != null) {
            events.publishEvent(Republished.of(published));
        }
    }
}
