package io.ficus.core.users;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How tokens are signed and checked, exactly as in the legacy.
 *
 * @param jwtSecret the HS256 signing key, at least 32 bytes in UTF-8; shared with the legacy so
 *                  that a token issued by either works on both
 * @param tokenTtl  how long an issued token stays valid; 24 hours by default
 */
@ConfigurationProperties("ficus.security")
public record SecurityProperties(String jwtSecret, Duration tokenTtl) {

    /** The shortest key HS256 allows, in bytes. */
    public static final int MIN_SECRET_BYTES = 32;

    public SecurityProperties {
        if (jwtSecret == null || jwtSecret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("ficus.security.jwt-secret must be at least " + MIN_SECRET_BYTES + " bytes for HS256");
        }
        if (tokenTtl == null) {
            tokenTtl = Duration.ofHours(24);
        }
        if (tokenTtl.isNegative() || tokenTtl.isZero()) {
            throw new IllegalArgumentException("ficus.security.token-ttl must be positive, not " + tokenTtl);
        }
    }
}
