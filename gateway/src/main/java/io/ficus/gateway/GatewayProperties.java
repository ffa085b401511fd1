package io.ficus.gateway;

import io.ficus.gateway.catalog.RouteSpec;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of the gateway, bound from {@code ficus.gateway.*}.
 *
 * @param legacyUrl              base URL of the legacy application; every request no route sends elsewhere goes here
 * @param coreUrl                base URL of the new core
 * @param connectTimeout         how long to wait for a TCP connection to a backend before answering 502
 * @param responseTimeout        how long to wait for a backend's response headers before answering 504
 * @param toggleRefreshInterval  how often the toggle snapshot is reloaded from the database (changes made on other
 *                               instances are seen within this interval)
 * @param exposeBackendHeader    whether responses carry {@code X-Ficus-Backend: legacy|core}
 * @param trustedProxies         regular expression of proxy addresses whose {@code X-Forwarded-For} is believed when
 *                               identifying a caller by address; empty trusts none
 * @param shadow                 shadow traffic and comparison settings
 * @param handover               how flips that move a group's writes are handed over between the two systems
 * @param routes                 the route catalog: every public API route with its group and initial mode
 */
@ConfigurationProperties("ficus.gateway")
public record GatewayProperties(
        @DefaultValue("http://localhost:8081") URI legacyUrl,
        @DefaultValue("http://localhost:8082") URI coreUrl,
        @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("30s") Duration responseTimeout,
        @DefaultValue("250ms") Duration toggleRefreshInterval,
        @DefaultValue("false") boolean exposeBackendHeader,
        @DefaultValue("") String trustedProxies,
        @DefaultValue Shadow shadow,
        @DefaultValue Handover handover,
        @DefaultValue List<RouteSpec> routes) {

    /**
     * Shadow traffic and comparison.
     *
     * @param captureLimit    largest request or response body captured for comparison; larger exchanges are SKIPPED
     * @param maxConcurrency  shadow calls in flight at once
     * @param queueCapacity   shadow calls waiting for a slot; beyond it they are dropped and counted
     * @param queueMemory     most body bytes held by waiting shadow calls; beyond it they are dropped and counted
     * @param timeout         how long a shadow call (to the new core, or to the legacy for reads in NEW) may take before
     *                        it counts as ERROR
     * @param retention       how long stored comparisons are kept
     * @param maxStored       most comparisons kept, the oldest deleted first
     * @param redactFields    patterns of secret names (regular expressions matched against the whole name, ignoring case,
 *                        such as {@code .*password.*}): the values of such JSON and form fields, query parameters and
 *                        headers are replaced by {@code ***} in stored comparisons
     * @param compareHeaders  response headers compared besides the status and the body
     * @param maxRate         most shadow comparisons started per second for one route on one instance; requests beyond
     *                        are shed before anything is captured (answered exactly as in LEGACY, counted in
     *                        {@code ficus.gateway.shadow.shed} with reason {@code rate} and as SKIPPED in the evidence);
     *                        0 or less: no bound but the queue. Writes held for a dry run first (write-hold) are never
     *                        shed by rate
     */
    public record Shadow(
            @DefaultValue("1MB") DataSize captureLimit,
            @DefaultValue("8") int maxConcurrency,
            @DefaultValue("256") int queueCapacity,
            @DefaultValue("64MB") DataSize queueMemory,
            @DefaultValue("10s") Duration timeout,
            @DefaultValue("7d") Duration retention,
            @DefaultValue("10000") int maxStored,
            @DefaultValue({".*password.*", ".*passwd.*", ".*token.*", ".*secret.*", ".*credential.*", ".*api-?_?key.*"})
            List<String> redactFields,
            @DefaultValue("Content-Type") List<String> compareHeaders,
            @DefaultValue("200") int maxRate) {

        @ConstructorBinding
        public Shadow {
        }

        /** Settings with no rate bound (only the queue sheds). */
        public Shadow(DataSize captureLimit, int maxConcurrency, int queueCapacity, DataSize queueMemory, Duration timeout,
                      Duration retention, int maxStored, List<String> redactFields, List<String> compareHeaders) {
            this(captureLimit, maxConcurrency, queueCapacity, queueMemory, timeout, retention, maxStored, redactFields,
                    compareHeaders, 0);
        }
    }

    /**
     * Handovers: flips that move a group's writes from one system to the other (gateway/README.md, "Flips").
     *
     * @param pollInterval   how often each instance heartbeats and looks for handovers, and how often the coordinator
     *                       checks the replicas' acknowledgements
     * @param drainTimeout   how long the coordinator waits for every live instance to hold the group's writes and
     *                       finish those in flight, and again for every live instance to run the new routing; beyond,
     *                       the flip is refused
     * @param fenceTimeout   how long the new owner may take to apply everything the old owner acknowledged (the sync
     *                       fence of legacy-adapter); beyond, the flip is refused
     * @param holdTimeout    longest a write may wait at a closed gate; it then gets 503 with {@code Retry-After}
     * @param lease          an instance that has not reached the database for this long holds every write until it
     *                       does; an instance not seen for longer (plus two poll intervals) no longer counts as live
     * @param fenceUrl       base URL of legacy-adapter, whose {@code POST /ficus/api/sync/fence} the coordinator calls;
     *                       when unset, writer flips do not wait for the sync (logged at startup)
     * @param fenceUsername  an OPERATOR user of legacy-adapter's admin API, for the fence
     * @param fencePassword  its password
     */
    public record Handover(
            @DefaultValue("50ms") Duration pollInterval,
            @DefaultValue("3s") Duration drainTimeout,
            @DefaultValue("5s") Duration fenceTimeout,
            @DefaultValue("10s") Duration holdTimeout,
            @DefaultValue("2s") Duration lease,
            URI fenceUrl,
            String fenceUsername,
            String fencePassword) {

        public Handover {
            for (var setting : java.util.Map.of("poll-interval", pollInterval, "drain-timeout", drainTimeout,
                    "fence-timeout", fenceTimeout, "hold-timeout", holdTimeout, "lease", lease).entrySet()) {
                if (setting.getValue().isNegative() || setting.getValue().isZero()) {
                    throw new IllegalArgumentException("ficus.gateway.handover." + setting.getKey() + " must be positive");
                }
            }
            if (lease.compareTo(pollInterval.multipliedBy(4)) < 0) {
                throw new IllegalArgumentException("ficus.gateway.handover.lease must be at least four poll intervals");
            }
        }

        /** How recently an instance must have been seen to count as live: the lease and two poll intervals. */
        public Duration liveness() {
            return lease.plus(pollInterval.multipliedBy(2));
        }

        /**
         * How long a handover may last before every instance counts it as ABORTED: both waits for the replicas, the
         * fence, and a lease of slack.
         */
        public Duration bound() {
            return drainTimeout.multipliedBy(2).plus(fenceTimeout).plus(lease);
        }

        @Override
        public String toString() {
            return "Handover[pollInterval=" + pollInterval + ", drainTimeout=" + drainTimeout + ", fenceTimeout="
                    + fenceTimeout + ", holdTimeout=" + holdTimeout + ", lease=" + lease + ", fenceUrl=" + fenceUrl
                    + ", fenceUsername=" + fenceUsername + ", fencePassword=" + (fencePassword == null ? null : "***") + "]";
        }
    }
}
