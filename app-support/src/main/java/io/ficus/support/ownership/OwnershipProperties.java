package io.ficus.support.ownership;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which route groups' writes this application accepts, as the gateway tells it ({@code ficus.ownership.*}).
 *
 * @param enforce      whether writes of a group this application does not own are refused with 409 (on by default;
 *                     only tests that deliberately write into both systems without the gateway turn it off). The
 *                     ownership pushed by the gateway is recorded either way
 * @param drainTimeout how long a revoke waits for this application's writes of the group that are still running before
 *                     it answers 503 (the group stays revoked, and the gateway aborts its handover)
 */
@ConfigurationProperties("ficus.ownership")
public record OwnershipProperties(@DefaultValue("true") boolean enforce, @DefaultValue("3s") Duration drainTimeout) {

    public OwnershipProperties {
        if (drainTimeout.isNegative() || drainTimeout.isZero()) {
            throw new IllegalArgumentException("ficus.ownership.drain-timeout must be positive");
        }
    }
}
