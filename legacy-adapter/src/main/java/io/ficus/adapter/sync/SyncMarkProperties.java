package io.ficus.adapter.sync;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Configuration of the echo marks ({@code ficus.adapter.sync-marks}).
 *
 * @param purgeInterval how often the purge job runs; a mark is deleted within about three runs after
 *                      cdc-bridge and the adapter's inbound side have both passed its transaction
 *                      (see {@link SyncMarkPurge})
 */
@ConfigurationProperties("ficus.adapter.sync-marks")
public record SyncMarkProperties(@DefaultValue("1m") Duration purgeInterval) {

    public SyncMarkProperties {
        if (purgeInterval.isNegative() || purgeInterval.isZero()) {
            throw new IllegalArgumentException("ficus.adapter.sync-marks.purge-interval must be positive, not " + purgeInterval);
        }
    }
}
