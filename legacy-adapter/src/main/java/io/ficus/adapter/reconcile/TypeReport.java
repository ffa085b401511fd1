package io.ficus.adapter.reconcile;

import java.util.ArrayList;
import java.util.List;

/**
 * What reconciliation found for one entity type.
 *
 * @param compared        entities looked at (present on at least one side)
 * @param missingInCore   present in the legacy only
 * @param missingInLegacy present in the core only
 * @param different       present on both sides with different canonical states
 * @param repaired        drifts re-published from their owner
 * @param settled         drifts gone by themselves when checked again before repairing (changes in flight)
 * @param examples        the first drifts found, at most {@link #MAX_EXAMPLES}
 */
public record TypeReport(long compared, long missingInCore, long missingInLegacy, long different, long repaired,
                         long settled, List<Drift> examples) {

    public static final int MAX_EXAMPLES = 10;

    public long drift() {
        return missingInCore + missingInLegacy + different;
    }

    /** Mutable tally while a type is being compared. */
    static final class Tally {
        long compared;
        long missingInCore;
        long missingInLegacy;
        long different;
        long repaired;
        long settled;
        final List<Drift> examples = new ArrayList<>();
        /** Every drift, for repair. */
        final List<Drift> all = new ArrayList<>();

        void add(Drift drift) {
            all.add(drift);
            switch (drift.kind()) {
                case MISSING_IN_CORE -> missingInCore++;
                case MISSING_IN_LEGACY -> missingInLegacy++;
                case DIFFERENT -> different++;
            }
            if (examples.size() < MAX_EXAMPLES) {
                examples.add(drift);
            }
        }

        /** Adds another part's tally after this one's (its drifts come later in id order). */
        void addAll(Tally part) {
            compared += part.compared;
            for (Drift drift : part.all) {
                add(drift);
            }
        }

        TypeReport report() {
            return new TypeReport(compared, missingInCore, missingInLegacy, different, repaired, settled, List.copyOf(examples));
        }
    }
}
