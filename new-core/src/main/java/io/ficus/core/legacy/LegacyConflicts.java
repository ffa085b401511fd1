package io.ficus.core.legacy;

import io.ficus.contracts.LegacyChange;
import io.ficus.core.legacy.CoreChangeTimes.CoreChange;
import io.ficus.core.legacy.StaleChangeGuard.Decision;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Counts ({@code ficus.core.conflicts}, tags {@code type} and {@code resolution}) and logs stale legacy changes, by id. */
@Component
class LegacyConflicts {

    private static final Logger log = LoggerFactory.getLogger(LegacyConflicts.class);

    private final MeterRegistry meters;

    LegacyConflicts(MeterRegistry meters) {
        this.meters = meters;
    }

    void record(LegacyChange change, CoreChange last, Decision decision) {
        Counter.builder("ficus.core.conflicts")
                .description("Legacy changes that committed before a change the core made of the same aggregate (the legacy "
                        + "had not seen it); resolution: which side's state was kept")
                .tag("type", change.entityType().name())
                .tag("resolution", decision.resolution())
                .register(meters)
                .increment();
        log.warn("Stale legacy change of {} {} at lsn {}: it committed before the core's version {} of it; {} ({})",
                change.entityType(), change.entityId(), change.source().lsn(), last.version(), switch (decision) {
                    case APPLY_CONFLICT_DELETION -> "a deletion is applied and published back to the legacy";
                    default -> "the core's later change wins and the core keeps its state";
                }, decision.resolution());
    }
}
