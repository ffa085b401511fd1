package io.ficus.gateway.proxy;

import io.ficus.gateway.catalog.Backend;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who is calling, for sticky canary routing, and which bucket of 100 they fall in. The caller is
 * the {@code email} claim of the bearer token (read without verifying the signature: it only
 * picks a backend, which then checks the token itself), or else the client address. A caller's
 * bucket never changes, so a caller on the new core at n% stays there at any higher percentage.
 */
public final class Callers {

    private static final JsonMapper json = JsonMapper.builder().build();

    private final Pattern trustedProxies;

    /** @param trustedProxies regular expression of proxies whose {@code X-Forwarded-For} is believed; empty for none */
    public Callers(String trustedProxies) {
        this.trustedProxies = trustedProxies == null || trustedProxies.isBlank() ? null : Pattern.compile(trustedProxies);
    }

    /** The backend for a caller when a route is in canary at this percentage. */
    public static Backend canary(int percent, String callerKey) {
        return bucket(callerKey) < percent ? Backend.CORE : Backend.LEGACY;
    }

    /** The caller's bucket, 0 to 99, from a SHA-256 hash of the key. */
    static int bucket(String callerKey) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(callerKey.getBytes(StandardCharsets.UTF_8));
            long value = ((hash[0] & 0xffL) << 24) | ((hash[1] & 0xffL) << 16) | ((hash[2] & 0xffL) << 8) | (hash[3] & 0xffL);
            return (int) (value % 100);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code email:<claim>} when the request carries a token with one, otherwise {@code address:<client address>}. */
    public String key(ServerHttpRequest request) {
        String email = email(request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION));
        return email != null ? "email:" + email : "address:" + address(request);
    }

    static String email(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String[] parts = authorization.substring(7).trim().split("\\.");
        if (parts.length < 2) {
            return null;
        }
        try {
            JsonNode claims = json.readTree(Base64.getUrlDecoder().decode(parts[1]));
            JsonNode email = claims.get("email");
            return email != null && email.isString() ? email.asString() : null;
        } catch (IllegalArgumentException | JacksonException e) {
            return null;
        }
    }

    private String address(ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        String address = remote == null ? "unknown"
                : remote.getAddress() != null ? remote.getAddress().getHostAddress() : remote.getHostString();
        String forwarded = request.getHeaders().getFirst("X-Forwarded-For");
        if (forwarded != null && trustedProxies != null && trustedProxies.matcher(address).matches()) {
            return forwarded.split(",")[0].trim();
        }
        return address;
    }
}
