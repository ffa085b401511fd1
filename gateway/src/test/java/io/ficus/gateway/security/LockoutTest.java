package io.ficus.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.ficus.gateway.GatewayIntegrationTest;
import io.ficus.testkit.RawHttp;
import io.ficus.testkit.RawHttp.Answer;
import org.junit.jupiter.api.Test;

/**
 * After five wrong passwords for one user name from one address, that pair gets 429 with {@code Retry-After}, even
 * with the right password; other users from the same address and the same user from another address are not
 * affected. Only the {@code locksmith} user is locked out here, so no other test is disturbed.
 */
class LockoutTest extends GatewayIntegrationTest {

    private Answer get(String host, String user, String password) {
        return RawHttp.to(port).from(host).send("GET", "/ficus/api/routes/tickets-get", "Authorization: " + basic(user, password));
    }

    @Test
    void locksOutAUserNameFromOneAddressAfterFiveWrongPasswords() {
        for (int i = 1; i <= 5; i++) {
            Answer wrong = get("127.0.0.1", LOCKSMITH, "guess-" + i);
            assertThat(wrong.status()).as("wrong password " + i).isEqualTo(401);
            assertThat(wrong.body()).contains("\"status\":401");
        }

        Answer locked = get("127.0.0.1", LOCKSMITH, LOCKSMITH_PASSWORD);
        assertThat(locked.status()).as("even the right password").isEqualTo(429);
        assertThat(Integer.parseInt(locked.headers().get("retry-after"))).isBetween(1, 30);
        assertThat(locked.headers().get("content-type")).startsWith("application/json");
        assertThat(locked.body()).contains("\"status\":429", "\"error\":\"Too Many Requests\"");
        assertThat(get("127.0.0.1", LOCKSMITH, "guess-6").status()).isEqualTo(429);

        assertThat(get("127.0.0.1", VIEWER, VIEWER_PASSWORD).status()).as("another user, same address").isEqualTo(200);
        assertThat(get("127.0.0.2", LOCKSMITH, LOCKSMITH_PASSWORD).status()).as("same user, another address").isEqualTo(200);
    }

    @Test
    void countsWrongPasswordsForUnknownUserNamesWithoutLockingOutTheRealOnes() {
        for (int i = 1; i <= 10; i++) {
            get("127.0.0.1", "nobody-" + (i % 2), "guess");
        }
        assertThat(get("127.0.0.1", "nobody-0", "guess").status()).isEqualTo(429);
        assertThat(get("127.0.0.1", ADMIN, ADMIN_PASSWORD).status()).isEqualTo(200);
    }
}
