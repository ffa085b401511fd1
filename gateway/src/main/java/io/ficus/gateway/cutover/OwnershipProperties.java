package io.ficus.gateway.cutover;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the gateway tells the two applications which of them owns each group's writes ({@code
 * ficus.gateway.ownership.*}; see this package's documentation, "Write ownership in the applications").
 *
 * @param push              whether the gateway pushes ownership to the applications: the revoke and grant of each
 *                          handover (a failed one aborts the handover) and the periodic reconcile. On by default; off
 *                          only for backends that have no ownership API (stubs in tests)
 * @param reconcileInterval how often every instance pushes the current ownership of every group not being handed over,
 *                          so an application that was away or missed a push converges
 * @param timeout           how long one push may take, the application's wait for its writes in flight included (keep
 *                          it above the applications' {@code ficus.ownership.drain-timeout}, 3s)
 */
@ConfigurationProperties("ficus.gateway.ownership")
public record OwnershipProperties(
        @DefaultValue("true") boolean push,
        @DefaultValue("10s") Duration reconcileInterval,
        @DefaultValue("5s") Duration timeout) {

    public OwnershipProperties {
        if (reconcileInterval.isNegative() || reconcileInterval.isZero() || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("ficus.gateway.ownership.reconcile-interval and timeout must be positive");
        }
    }
}
