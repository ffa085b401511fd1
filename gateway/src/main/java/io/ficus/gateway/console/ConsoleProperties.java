package io.ficus.gateway.console;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the console's sync collector finds the other applications, bound from {@code ficus.gateway.console.*}.
 * Every URL is optional: a source that is not configured is shown as "not configured" and nothing is sampled from it.
 *
 * @param cdcBridgeUrl     cdc-bridge's base URL; its {@code /actuator/prometheus} gives the lag of the first hop
 *                         (legacy commit → Kafka), the snapshot progress and the WAL the slot retains
 * @param adapterUrl       legacy-adapter's base URL; its {@code /actuator/prometheus} gives the drift of the last
 *                         reconciliation per entity type, and its {@code /ficus/reconciliation} starts and follows runs
 * @param adapterUsername  an OPERATOR user of legacy-adapter's admin API, with which the console starts reconciliations
 * @param adapterPassword  that user's password (clear text, as the adapter checks it against its hash); never logged
 * @param coreUrl          new-core's base URL; its {@code /actuator/prometheus} gives the end-to-end lag of applied
 *                         legacy changes (legacy commit → core commit)
 * @param sampleInterval   how often the collector samples, off the proxy path, on a thread of its own
 * @param history          how much history of samples is kept in memory (a ring of {@code history / sampleInterval}
 *                         samples), for the timeline and the sync page
 * @param timeout          how long one call of the collector to another application may take
 */
@ConfigurationProperties("ficus.gateway.console")
public record ConsoleProperties(
        URI cdcBridgeUrl,
        URI adapterUrl,
        String adapterUsername,
        String adapterPassword,
        URI coreUrl,
        @DefaultValue("5s") Duration sampleInterval,
        @DefaultValue("1h") Duration history,
        @DefaultValue("2s") Duration timeout) {

    public ConsoleProperties {
        if (sampleInterval.isNegative() || sampleInterval.isZero() || history.compareTo(sampleInterval) < 0) {
            throw new IllegalArgumentException(
                    "ficus.gateway.console.sample-interval must be positive and at most ficus.gateway.console.history");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("ficus.gateway.console.timeout must be positive");
        }
    }

    /** How many samples the ring holds. */
    int capacity() {
        return (int) Math.max(1, history.toMillis() / sampleInterval.toMillis());
    }

    @Override
    public String toString() {
        return "ConsoleProperties[cdcBridgeUrl=" + cdcBridgeUrl + ", adapterUrl=" + adapterUrl + ", adapterUsername="
                + adapterUsername + ", adapterPassword=***, coreUrl=" + coreUrl + ", sampleInterval=" + sampleInterval
                + ", history=" + history + ", timeout=" + timeout + "]";
    }
}
