package io.ficus.gateway.evidence;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Evidence settings, bound from {@code ficus.gateway.evidence.*}.
 *
 * @param watermarkTimeout     longest a shadow call waits for the other system to have applied every change the
 *                             answering system had committed when it answered (the sync watermark); beyond it the
 *                             comparison is LAGGED. Off the response path: the client never waits for it
 * @param fenceUrl             base URL of legacy-adapter, whose {@code POST /ficus/api/sync/fence} is the watermark; unset:
 *                             {@code ficus.gateway.handover.fence-url} is used; both unset: shadow calls do not wait
 *                             (and comparisons may report sync lag as MISMATCH; logged at startup)
 * @param writeRaceMargin      a dry run that ends later than this after the legacy's answer may have seen the legacy's
 *                             own write (the sync from a legacy commit to the core takes at least the Debezium poll);
 *                             it is LAGGED instead of compared
 * @param flushInterval        how often this replica adds its counts to the gateway database
 * @param mismatchesPerRoute   comparisons kept per route and verdict other than MATCH (the oldest deleted first), so
 *                             matches never evict a mismatch
 * @param matchesPerRoute      matches kept per route
 * @param matchSampleEvery     one match in this many is stored (all are counted); 1 stores every match
 * @param rollbackInterval     how often each replica checks the groups in CANARY and NEW for a breach of their policy
 * @param rollbackMinRequests  fewest core requests (or comparisons) since the group's last flip before a breach counts,
 *                             so one error of one request does not roll a group back
 * @param noiseSampleEvery     one shadowed GET in this many is asked of the legacy a second time, and the paths where the
 *                             legacy's two answers differ are learned as noise of the route; 0 turns learning off
 * @param defaultPolicy        the promotion policy of a group that has none stored
 * @param writeHold            SHADOW writes: longest a write of a shadowed group is held before it goes to the legacy,
 *                             while the new core catches up with what the legacy committed before it (the sync
 *                             watermark) and then dry-runs it, so the dry run sees exactly the state the legacy's write
 *                             will see. Beyond it the write goes on and its comparison is LAGGED (and writes are not held
 *                             again until the sync is seen caught up). 0 turns holding off: the dry run then runs after
 *                             the legacy answered and is LAGGED when it ended later than {@code write-race-margin}
 * @param fenceMaxAge          a held write waits for a sync fence that started after the last write this replica saw
 *                             the legacy answer, and at most this long before the write arrived (writes through other
 *                             replicas or straight to the legacy are covered by this age)
 * @param recheckRounds        a shadowed read whose answers differ is checked against the sync: the answering system
 *                             is asked again after the shadowed one answered; if its answer did not change, the two
 *                             answers saw the same state and the difference is a MISMATCH; if it changed (a later
 *                             write), both are asked again at the newer state, at most this many rounds, else LAGGED
 */
@ConfigurationProperties("ficus.gateway.evidence")
public record EvidenceProperties(
        @DefaultValue("5s") Duration watermarkTimeout,
        String fenceUrl,
        @DefaultValue("100ms") Duration writeRaceMargin,
        @DefaultValue("1s") Duration flushInterval,
        @DefaultValue("500") int mismatchesPerRoute,
        @DefaultValue("50") int matchesPerRoute,
        @DefaultValue("100") int matchSampleEvery,
        @DefaultValue("1s") Duration rollbackInterval,
        @DefaultValue("10") int rollbackMinRequests,
        @DefaultValue("10") int noiseSampleEvery,
        @DefaultValue DefaultPolicy defaultPolicy,
        @DefaultValue("2s") Duration writeHold,
        @DefaultValue("1s") Duration fenceMaxAge,
        @DefaultValue("3") int recheckRounds) {

    @ConstructorBinding
    public EvidenceProperties {
    }

    /** Settings as before holding writes and re-checking reads existed (for tests of the comparison alone). */
    public EvidenceProperties(Duration watermarkTimeout, String fenceUrl, Duration writeRaceMargin, Duration flushInterval,
                              int mismatchesPerRoute, int matchesPerRoute, int matchSampleEvery, Duration rollbackInterval,
                              int rollbackMinRequests, int noiseSampleEvery, DefaultPolicy defaultPolicy) {
        this(watermarkTimeout, fenceUrl, writeRaceMargin, flushInterval, mismatchesPerRoute, matchesPerRoute,
                matchSampleEvery, rollbackInterval, rollbackMinRequests, noiseSampleEvery, defaultPolicy, Duration.ZERO,
                Duration.ofSeconds(1), 0);
    }

    /**
     * The policy of a group without a stored one (see {@link GroupPolicy}).
     *
     * @param window            the evidence window the figures are taken over
     * @param minComparisons    fewest decisive comparisons (MATCH, MISMATCH, ERROR) in the window before a promotion
     * @param maxMismatchRate   largest share of MISMATCH among decisive comparisons (0..1)
     * @param maxCoreErrorRate  largest share of the core's answers that are server errors or failures (0..1)
     * @param maxLatencyRatio   largest ratio of the core's p99 latency to the legacy's
     * @param autoRollback      whether a group in CANARY or NEW that breaches the rates is rolled back to SHADOW
     */
    public record DefaultPolicy(
            @DefaultValue("15m") Duration window,
            @DefaultValue("50") int minComparisons,
            @DefaultValue("0.01") double maxMismatchRate,
            @DefaultValue("0.01") double maxCoreErrorRate,
            @DefaultValue("2.0") double maxLatencyRatio,
            @DefaultValue("true") boolean autoRollback) {
    }
}
