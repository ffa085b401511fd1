package io.ficus.core.users;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issues and checks the API's bearer tokens exactly as the legacy does: compact JWS, HS256, with the claims {@code sub}
 * (user id), {@code email}, {@code iat} and {@code exp} (epoch seconds). Only {@code email}
 * identifies the caller; any HS256 token signed with the shared key and not expired is accepted.
 */
@org.springframework.stereotype.Component
class TokenService {

    private static final String HEADER = base64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    private static final JsonMapper json = JsonMapper.builder().build();

    private final SecretKeySpec key;
    private final long ttlSeconds;
    private final Clock clock;

    TokenService(SecurityProperties properties) {
        this.key = new SecretKeySpec(properties.jwtSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.ttlSeconds = properties.tokenTtl().toSeconds();
        this.clock = Clock.systemUTC();
    }

    /** The token lifetime in seconds, as reported in {@code expiresIn}. */
    public long ttlSeconds() {
        return ttlSeconds;
    }

    /** A signed token naming this user. */
    public String issue(String userId, String email) {
        long now = clock.instant().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", userId);
        claims.put("email", email);
        claims.put("iat", now);
        claims.put("exp", now + ttlSeconds);
        String signingInput = HEADER + "." + base64(json.writeValueAsBytes(claims));
        return signingInput + "." + base64(sign(signingInput));
    }

    /** The email claim of a valid, unexpired HS256 token; empty for anything else. */
    public Optional<String> verify(String token) {
        try {
            String[] parts = token.split("\\.", -1);
            if (parts.length != 3) {
                return Optional.empty();
            }
            JsonNode header = json.readTree(Base64.getUrlDecoder().decode(parts[0]));
            if (!"HS256".equals(header.path("alg").asString(""))) {
                return Optional.empty();
            }
            byte[] expected = sign(parts[0] + "." + parts[1]);
            if (!MessageDigest.isEqual(expected, Base64.getUrlDecoder().decode(parts[2]))) {
                return Optional.empty();
            }
            JsonNode claims = json.readTree(Base64.getUrlDecoder().decode(parts[1]));
            JsonNode exp = claims.path("exp");
            if (!exp.isNumber() || exp.asLong() <= clock.instant().getEpochSecond()) {
                return Optional.empty();
            }
            JsonNode email = claims.path("email");
            return email.isString() && !email.asString().isBlank() ? Optional.of(email.asString()) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private byte[] sign(String signingInput) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static String base64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
