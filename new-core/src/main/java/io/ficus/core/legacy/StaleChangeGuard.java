package io.ficus.core.legacy;

import io.ficus.contracts.ChangeKind;
import io.ficus.contracts.LegacyChange;
import io.ficus.core.legacy.CoreChangeTimes.CoreChange;
import java.time.Instant;

/**
 * Decides whether a legacy change may be applied over the core's state of its aggregate: a pure function of the
 * core's last own change of it, the change and who owns the group's writes (see the package documentation for the
 * rule).
 */
final class StaleChangeGuard {

    private StaleChangeGuard() {
    }

    /** What to do with a legacy change. */
    enum Decision {
        /** The core made no change the legacy could not have seen: apply. */
        APPLY(true, false, false, null),
        /** Stale, and a deletion: applied whoever owns the group, and published so the legacy converges. */
        APPLY_CONFLICT_DELETION(true, true, true, "deletion-applied"),
        /**
         * Stale: the core's change committed later and wins, whoever owns the group, as in legacy-adapter (which writes
         * the core's state over the legacy row for the same pair), so both stores end at the same, later state.
         */
        KEEP_CONFLICT_CORE_NEWER(false, true, false, "core-newer-kept");

        private final boolean applies;
        private final boolean conflict;
        private final boolean republishes;
        private final String resolution;

        Decision(boolean applies, boolean conflict, boolean republishes, String resolution) {
            this.applies = applies;
            this.conflict = conflict;
            this.republishes = republishes;
            this.resolution = resolution;
        }

        boolean applies() {
            return applies;
        }

        boolean conflict() {
            return conflict;
        }

        /** Whether the applied state is published as an integration event, based on the change. */
        boolean republishes() {
            return republishes;
        }

        /** The {@code resolution} tag of {@code ficus.core.conflicts}; null when no conflict. */
        String resolution() {
            return resolution;
        }
    }

    /**
     * @param last      the core's last own change of the aggregate; null when it never made one
     * @param change    the legacy change, newer than every legacy change applied to the aggregate
     * @param coreOwns  whether the core owns the writes of the aggregate's group (logged; the later commit wins either way)
     */
    static Decision decide(CoreChange last, LegacyChange change, boolean coreOwns) {
        if (last == null || !stale(last.occurredAt(), change.source().commitTime())) {
            return Decision.APPLY;
        }
        if (change.kind() == ChangeKind.DELETED) {
            return Decision.APPLY_CONFLICT_DELETION;
        }
        return Decision.KEEP_CONFLICT_CORE_NEWER;
    }

    /**
     * Whether a legacy change committed at {@code legacyCommit} cannot have seen a core change of {@code coreChange}:
     * it did not commit after it (legacy-adapter's comparison with the same operands, so both sides call the same pairs
     * stale; an unknown legacy commit time counts as earlier, as there).
     */
    static boolean stale(Instant coreChange, Instant legacyCommit) {
        return legacyCommit == null || !legacyCommit.isAfter(coreChange);
    }
}
