package io.ficus.adapter.reconcile;

import io.ficus.contracts.EntityType;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The result of one reconciliation.
 *
 * @param mode     FULL or INCREMENTAL
 * @param since    for INCREMENTAL, the point from which legacy changes were compared
 * @param started  when it started
 * @param took     how long it took
 * @param repair   whether drifts were re-published
 * @param types    what was found per entity type
 */
public record ReconciliationReport(Mode mode, Instant since, Instant started, Duration took, boolean repair,
                                   Map<EntityType, TypeReport> types) {

    public enum Mode { FULL, INCREMENTAL }

    public long drift() {
        return types.values().stream().mapToLong(TypeReport::drift).sum();
    }

    public long compared() {
        return types.values().stream().mapToLong(TypeReport::compared).sum();
    }
}
