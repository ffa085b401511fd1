package io.ficus.gateway.compare;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The secret the gateway sends to the new core, in {@code X-Ficus-Gateway-Secret}, with each dry run
 * ({@code X-Ficus-Dry-Run: true}); the new core honours a dry run only with it. Bound from
 * {@code ficus.security.*}; the same value is configured on the new core. Never logged, never stored:
 * {@link #toString()} masks it and the redactor masks the header.
 *
 * @param gatewaySecret the shared secret, at least {@value #MIN_LENGTH} characters; required, there is no default
 */
@ConfigurationProperties("ficus.security")
public record GatewaySecret(String gatewaySecret) {

    /** Fewest characters accepted. */
    public static final int MIN_LENGTH = 32;

    /** The header carrying it. */
    public static final String HEADER = io.ficus.contracts.Headers.GATEWAY_SECRET;

    public GatewaySecret {
        if (gatewaySecret == null || gatewaySecret.isBlank()) {
            throw new IllegalArgumentException("ficus.security.gateway-secret must be set: the new core accepts dry runs"
                    + " only with it (the same value on the gateway and the new core, at least " + MIN_LENGTH
                    + " characters; the sandbox passes its own)");
        }
        if (gatewaySecret.length() < MIN_LENGTH) {
            throw new IllegalArgumentException("ficus.security.gateway-secret is too short: at least " + MIN_LENGTH
                    + " characters are required, " + gatewaySecret.length() + " were given");
        }
    }

    @Override
    public String toString() {
        return "GatewaySecret[gatewaySecret=***]";
    }
}
