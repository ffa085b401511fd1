package io.ficus.legacy.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class TokenServiceTest {

    private static final String SECRET = "0123456789abcdef0123456789abcdef";
    private final TokenService tokens = new TokenService(new SecurityProperties(SECRET, Duration.ofHours(1)));

    @Test
    void issuesHs256TokensCarryingTheEmailClaim() {
        String token = tokens.issue("id-1", "a@example.com");
        String header = new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8);
        String claims = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        assertThat(header).contains("\"alg\":\"HS256\"");
        assertThat(claims).contains("\"email\":\"a@example.com\"", "\"sub\":\"id-1\"", "\"exp\":");
        assertThat(tokens.verify(token)).contains("a@example.com");
        assertThat(tokens.ttlSeconds()).isEqualTo(3600);
    }

    @Test
    void rejectsTokensSignedWithAnotherKey() {
        TokenService other = new TokenService(new SecurityProperties("another-secret-of-at-least-32-bytes!", Duration.ofHours(1)));
        assertThat(tokens.verify(other.issue("id", "a@example.com"))).isEmpty();
    }

    @Test
    void rejectsTamperedUnsignedAndMalformedTokens() {
        String token = tokens.issue("id", "a@example.com");
        String[] parts = token.split("\\.");
        String forgedClaims = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"email\":\"b@example.com\",\"exp\":9999999999}".getBytes(StandardCharsets.UTF_8));
        assertThat(tokens.verify(parts[0] + "." + forgedClaims + "." + parts[2])).isEmpty();
        String none = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(tokens.verify(none + "." + parts[1] + ".")).isEmpty();
        assertThat(tokens.verify("garbage")).isEmpty();
        assertThat(tokens.verify("a.b.c")).isEmpty();
    }

    @Test
    void rejectsExpiredTokens() {
        TokenService shortLived = new TokenService(new SecurityProperties(SECRET, Duration.ofSeconds(1)));
        String token = shortLived.issue("id", "a@example.com");
        String[] parts = token.split("\\.");
        String expiredClaims = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"email\":\"a@example.com\",\"exp\":1000}".getBytes(StandardCharsets.UTF_8));
        assertThat(tokens.verify(parts[0] + "." + expiredClaims + "." + parts[2])).isEmpty();
    }

    @Test
    void refusesSecretsShorterThan32Bytes() {
        assertThatThrownBy(() -> new SecurityProperties("too-short", Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ficus.security.jwt-secret must be at least 32 bytes");
        assertThatThrownBy(() -> new SecurityProperties(null, null)).hasMessageContaining("at least 32 bytes");
        assertThat(new SecurityProperties(SECRET, null).tokenTtl()).isEqualTo(Duration.ofHours(24));
    }
}
