package io.ficus.core.shared;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The secret the gateway sends with {@code X-Ficus-Gateway-Secret}, so that internal headers
 * such as {@code X-Ficus-Dry-Run} are honoured only from the gateway.
 *
 * @param gatewaySecret the shared secret, at least 32 characters; the gateway holds the same value
 */
@ConfigurationProperties("ficus.security")
public record GatewaySecret(String gatewaySecret) {

    /** The shortest secret accepted. */
    public static final int MIN_LENGTH = 32;

    public GatewaySecret {
        if (gatewaySecret == null || gatewaySecret.isBlank() || gatewaySecret.length() < MIN_LENGTH) {
            throw new IllegalArgumentException("ficus.security.gateway-secret must be set to at least " + MIN_LENGTH
                    + " characters (the same value as the gateway's), but has " + (gatewaySecret == null ? 0 : gatewaySecret.length()));
        }
    }

    /** Whether the given header value is the secret, compared in time that does not depend on the secret. */
    public boolean matches(String given) {
        if (given == null) {
            return false;
        }
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), gatewaySecret.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "GatewaySecret[hidden]";
    }
}
