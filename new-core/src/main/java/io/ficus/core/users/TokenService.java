package io.ficus.core.users;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * Issues and checks the API's bearer tokens as the legacy does, with Nimbus (Spring Security's JOSE support): compact
 * JWS, HS256 with the key shared with the legacy, header {@code typ} JWT, the claims {@code sub} (user id),
 * {@code email}, {@code iat} and {@code exp} (epoch seconds). Only {@code email} identifies the caller; any HS256 token
 * signed with the shared key whose {@code exp} is later than now (to the second, no leeway) is accepted, as in the
 * legacy, so a token issued by either application works on both.
 */
@org.springframework.stereotype.Component
class TokenService {

    private static final OAuth2Error EXPIRED = new OAuth2Error("invalid_token", "expired or without exp", null);

    private final NimbusJwtEncoder encoder;
    private final NimbusJwtDecoder decoder;
    private final long ttlSeconds;
    private final Clock clock;

    @org.springframework.beans.factory.annotation.Autowired
    TokenService(SecurityProperties properties) {
        this(properties, Clock.systemUTC());
    }

    TokenService(SecurityProperties properties, Clock clock) {
        SecretKey key = new SecretKeySpec(properties.jwtSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.encoder = new NimbusJwtEncoder(new ImmutableSecret<>(key));
        this.decoder = NimbusJwtDecoder.withSecretKey(key).macAlgorithm(MacAlgorithm.HS256).build();
        this.decoder.setJwtValidator(jwt -> unexpired(jwt) ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(EXPIRED));
        this.ttlSeconds = properties.tokenTtl().toSeconds();
        this.clock = clock;
    }

    /** The token lifetime in seconds, as reported in {@code expiresIn}. */
    public long ttlSeconds() {
        return ttlSeconds;
    }

    /** A signed token naming this user. */
    public String issue(String userId, String email) {
        Instant now = Instant.ofEpochSecond(clock.instant().getEpochSecond());
        JwtClaimsSet claims = JwtClaimsSet.builder().subject(userId).claim("email", email).issuedAt(now)
                .expiresAt(now.plusSeconds(ttlSeconds)).build();
        JwsHeader header = JwsHeader.with(MacAlgorithm.HS256).type("JWT").build();
        return encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
    }

    /** The email claim of a valid, unexpired HS256 token; empty for anything else. */
    public Optional<String> verify(String token) {
        try {
            Object email = decoder.decode(token).getClaims().get("email");
            return email instanceof String s && !s.isBlank() ? Optional.of(s) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private boolean unexpired(Jwt jwt) {
        Instant exp = jwt.getExpiresAt();
        return exp != null && exp.getEpochSecond() > clock.instant().getEpochSecond();
    }
}
