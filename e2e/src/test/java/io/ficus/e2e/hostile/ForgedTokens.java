package io.ficus.e2e.hostile;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Bearer tokens an attacker would try, each naming a real user: unsigned ({@code alg: none}),
 * signed with a wrong key, expired (signed with the real key), signed with the real key under
 * another algorithm, without the {@code email} claim, and garbage.
 */
final class ForgedTokens {

    private ForgedTokens() {
    }

    /** The forged tokens by variable name ({@code jwtNone}, ...), for a user with {@code email}. */
    static Map<String, String> forUser(String email, String realKey) {
        long now = Instant.now().getEpochSecond();
        String claims = "{\"sub\":\"00000000-0000-0000-0000-000000000001\",\"email\":\"" + email + "\",\"iat\":" + now
                + ",\"exp\":" + (now + 3600) + "}";
        String expired = "{\"sub\":\"00000000-0000-0000-0000-000000000001\",\"email\":\"" + email + "\",\"iat\":" + (now - 7200)
                + ",\"exp\":" + (now - 3600) + "}";
        String noEmail = "{\"sub\":\"00000000-0000-0000-0000-000000000001\",\"iat\":" + now + ",\"exp\":" + (now + 3600) + "}";
        String hs256 = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("jwtNone", b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + b64(claims) + ".");
        tokens.put("jwtNoneUpper", b64("{\"alg\":\"NONE\",\"typ\":\"JWT\"}") + "." + b64(claims) + ".");
        tokens.put("jwtStrippedSignature", b64(hs256) + "." + b64(claims) + ".");
        tokens.put("jwtWrongKey", sign(hs256, claims, "HmacSHA256", "not-the-key-but-long-enough-0123456789"));
        tokens.put("jwtExpired", sign(hs256, expired, "HmacSHA256", realKey));
        tokens.put("jwtHs512", sign("{\"alg\":\"HS512\",\"typ\":\"JWT\"}", claims, "HmacSHA512", realKey));
        tokens.put("jwtNoEmail", sign(hs256, noEmail, "HmacSHA256", realKey));
        tokens.put("jwtGarbage", "eyJhbGciOiJIUzI1NiJ9.garbage.!!");
        return tokens;
    }

    private static String sign(String header, String claims, String algorithm, String key) {
        String input = b64(header) + "." + b64(claims);
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
            return input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
