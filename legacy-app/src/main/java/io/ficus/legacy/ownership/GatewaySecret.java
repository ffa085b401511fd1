package io.ficus.legacy.ownership;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The secret the gateway sends with {@code X-Ficus-Gateway-Secret} when it pushes write ownership.
 *
 * @param gatewaySecret the shared secret, at least 32 characters, the same value as the gateway's; when unset, the
 *                      ownership API refuses every push (logged at startup), so the legacy keeps the last ownership it
 *                      recorded (every group, at first) and the gateway cannot move a group's writes away from it
 */
@ConfigurationProperties("ficus.security")
public record GatewaySecret(String gatewaySecret) {

    /** The shortest secret accepted. */
    public static final int MIN_LENGTH = 32;

    public GatewaySecret {
        if (gatewaySecret != null && gatewaySecret.isBlank()) {
            gatewaySecret = null;
        }
        if (gatewaySecret != null && gatewaySecret.length() < MIN_LENGTH) {
            throw new IllegalArgumentException("ficus.security.gateway-secret must have at least " + MIN_LENGTH
                    + " characters (the same value as the gateway's), but has " + gatewaySecret.length());
        }
    }

    /** Whether a secret is configured. */
    public boolean configured() {
        return gatewaySecret != null;
    }

    /** Whether the given header value is the secret, compared in time that does not depend on the secret. */
    public boolean matches(String given) {
        if (given == null || gatewaySecret == null) {
            return false;
        }
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), gatewaySecret.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "GatewaySecret[hidden]";
    }
}
