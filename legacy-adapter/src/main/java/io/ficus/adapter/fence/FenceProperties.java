package io.ficus.adapter.fence;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Configuration of the sync fence ({@code POST /ficus/api/sync/fence}).
 *
 * @param cdcBridgeUrl      base URL of cdc-bridge, whose {@code GET /ficus/position} reports the
 *                          heartbeat rows Kafka acknowledged
 * @param coreConsumerGroup the consumer group the new core applies {@code ticketing.legacy-changes}
 *                          with (its listener id, {@code new-core-legacy-changes})
 * @param defaultTimeout    how long a fence waits when the request names no timeout
 * @param maxTimeout        the longest timeout a request may ask for; longer ones are capped to it
 * @param minBackoff        first pause between two checks of a stage
 * @param maxBackoff        longest pause between two checks of a stage (the pause doubles up to it)
 */
@ConfigurationProperties("ficus.adapter.fence")
public record FenceProperties(
        @DefaultValue("http://localhost:8083") URI cdcBridgeUrl,
        @DefaultValue("new-core-legacy-changes") String coreConsumerGroup,
        @DefaultValue("5s") Duration defaultTimeout,
        @DefaultValue("30s") Duration maxTimeout,
        @DefaultValue("5ms") Duration minBackoff,
        @DefaultValue("20ms") Duration maxBackoff) {

    public FenceProperties {
        if (defaultTimeout.isNegative() || defaultTimeout.isZero() || maxTimeout.compareTo(defaultTimeout) < 0) {
            throw new IllegalArgumentException("ficus.adapter.fence: default-timeout must be positive and at most max-timeout");
        }
        if (minBackoff.isNegative() || maxBackoff.compareTo(minBackoff) < 0) {
            throw new IllegalArgumentException("ficus.adapter.fence: min-backoff must not be negative nor above max-backoff");
        }
    }
}
