package io.ficus.gateway;

import io.ficus.gateway.catalog.RouteSpec;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
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
            @DefaultValue("Content-Type") List<String> compareHeaders) {
    }
}
