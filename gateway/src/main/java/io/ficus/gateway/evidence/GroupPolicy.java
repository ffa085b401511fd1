package io.ficus.gateway.evidence;

import java.time.Duration;

/**
 * When a route group may be promoted (SHADOW → CANARY → NEW) and when it is rolled back.
 *
 * @param group             the route group
 * @param window            the evidence window the figures are taken over
 * @param minComparisons    fewest decisive comparisons (MATCH, MISMATCH, ERROR) in the window before a promotion
 * @param maxMismatchRate   largest share of MISMATCH among the decisive comparisons (0..1)
 * @param maxCoreErrorRate  largest share of the core's answers that are server errors or failures (0..1)
 * @param maxLatencyRatio   largest ratio of the core's p99 latency to the legacy's (checked when both have figures)
 * @param autoRollback      whether the group, in CANARY or NEW, is rolled back to SHADOW when it breaches
 *                          {@code maxCoreErrorRate} or {@code maxMismatchRate}
 */
public record GroupPolicy(String group, Duration window, int minComparisons, double maxMismatchRate,
                          double maxCoreErrorRate, double maxLatencyRatio, boolean autoRollback) {

    public GroupPolicy {
        if (window == null || window.isNegative() || window.isZero() || window.compareTo(EvidenceQuery.MAX_WINDOW) > 0) {
            throw new IllegalArgumentException("window must be positive and at most 7d");
        }
        if (minComparisons < 0) {
            throw new IllegalArgumentException("minComparisons must not be negative");
        }
        if (!(maxMismatchRate >= 0 && maxMismatchRate <= 1) || !(maxCoreErrorRate >= 0 && maxCoreErrorRate <= 1)) {
            throw new IllegalArgumentException("maxMismatchRate and maxCoreErrorRate must be between 0 and 1");
        }
        if (!(maxLatencyRatio > 0) || Double.isInfinite(maxLatencyRatio)) {
            throw new IllegalArgumentException("maxLatencyRatio must be a positive number");
        }
    }

    static GroupPolicy defaults(String group, EvidenceProperties.DefaultPolicy d) {
        return new GroupPolicy(group, d.window(), d.minComparisons(), d.maxMismatchRate(), d.maxCoreErrorRate(),
                d.maxLatencyRatio(), d.autoRollback());
    }
}
