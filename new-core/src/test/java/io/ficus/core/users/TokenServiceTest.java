package io.ficus.core.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Tokens travel both ways between the core and the legacy, whose hand-written HS256 is reproduced here. */
class TokenServiceTest {

    static final String SECRET = "a-shared-signing-key-of-at-least-32-bytes";
    static final Instant NOW = Instant.parse("2026-12-02T01:00:00Z");
    static final JsonMapper json = JsonMapper.builder().build();

    final TokenService tokens = new TokenService(new SecurityProperties(SECRET, Duration.ofHours(24)),
            Clock.fixed(NOW, ZoneOffset.UTC));

    /** The legacy's way: header, claims, HMAC-SHA256 over both, base64url without padding. */
    static String legacyToken(String secret, String header, String claims) throws Exception {
        var b64 = Base64.getUrlEncoder().withoutPadding();
        String input = b64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return input + "." + b64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    }

    static String claims(long exp) {
        return "{\"sub\":\"u1\",\"email\":\"ada@example.com\",\"iat\":" + (exp - 60) + ",\"exp\":" + exp + "}";
    }

    static final String HS256 = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";

    @Test
    void acceptsATokenTheLegacyIssuedUntilTheSecondItExpires() throws Exception {
        assertThat(tokens.verify(legacyToken(SECRET, HS256, claims(NOW.getEpochSecond() + 1)))).contains("ada@example.com");
        assertThat(tokens.verify(legacyToken(SECRET, HS256, claims(NOW.getEpochSecond())))).isEmpty();
    }

    @Test
    void issuesATokenTheLegacyAccepts() throws Exception {
        String token = tokens.issue("u1", "ada@example.com");
        String[] parts = token.split("\\.");
        JsonNode header = json.readTree(Base64.getUrlDecoder().decode(parts[0]));
        JsonNode claims = json.readTree(Base64.getUrlDecoder().decode(parts[1]));

        assertThat(header.path("alg").asString()).isEqualTo("HS256");
        assertThat(claims.path("sub").asString()).isEqualTo("u1");
        assertThat(claims.path("email").asString()).isEqualTo("ada@example.com");
        assertThat(claims.path("iat").asLong()).isEqualTo(NOW.getEpochSecond());
        assertThat(claims.path("exp").asLong()).isEqualTo(NOW.getEpochSecond() + 24 * 3600);
        String resigned = legacyToken(SECRET, new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8),
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        assertThat(resigned.split("\\.")[2]).as("the legacy's signature of the same header and claims").isEqualTo(parts[2]);
    }

    @Test
    void refusesAnotherKeyAnotherAlgorithmNoExpiryNoEmailAndGarbage() throws Exception {
        assertThat(tokens.verify(legacyToken("another-signing-key-of-at-least-32-bytes", HS256, claims(NOW.getEpochSecond() + 60))))
                .isEmpty();
        assertThat(tokens.verify(legacyToken(SECRET, "{\"alg\":\"none\"}", claims(NOW.getEpochSecond() + 60)))).isEmpty();
        assertThat(tokens.verify(legacyToken(SECRET, HS256, "{\"email\":\"ada@example.com\"}"))).isEmpty();
        assertThat(tokens.verify(legacyToken(SECRET, HS256, "{\"exp\":" + (NOW.getEpochSecond() + 60) + "}"))).isEmpty();
        assertThat(tokens.verify("not.a.token")).isEmpty();
        assertThat(tokens.verify("")).isEmpty();
    }
}
