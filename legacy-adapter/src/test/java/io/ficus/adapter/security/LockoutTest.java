package io.ficus.adapter.security;

import io.ficus.testkit.RawHttp;
import static io.ficus.testkit.RawHttp.basic;
import static org.assertj.core.api.Assertions.assertThat;

import io.ficus.adapter.AdapterIntegrationTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * After five wrong passwords for one name from one address, that pair gets 429 with
 * Retry-After even with the right password; other addresses and other names do not.
 */
class LockoutTest extends AdapterIntegrationTest {

    static final String JOB = "/ficus/reconciliation/" + UUID.randomUUID();

    @Test
    void fiveWrongPasswordsLockOutThatNameFromThatAddressOnly() {
        RawHttp attacker = RawHttp.to(port).from("127.0.0.7");
        for (int i = 0; i < 5; i++) {
            assertThat(attacker.send("GET", JOB, basic(VIEWER[0], "guess-" + i)).status()).isEqualTo(401);
        }
        var locked = attacker.send("GET", JOB, basic(VIEWER));
        assertThat(locked.status()).as("even with the right password").isEqualTo(429);
        assertThat(Long.parseLong(locked.header("retry-after"))).isBetween(1L, 30L);
        assertThat(locked.header("content-type")).startsWith("application/json");
        assertThat(locked.body()).contains("\"status\":429").contains("Too Many Requests");

        assertThat(RawHttp.to(port).from("127.0.0.8").send("GET", JOB, basic(VIEWER)).status())
                .as("the same name from another address").isEqualTo(404);
        assertThat(attacker.send("GET", JOB, basic(OPERATOR)).status()).as("another name from the same address").isEqualTo(404);
    }

    @Test
    void aSuccessBeforeTheLimitResetsTheCount() {
        RawHttp client = RawHttp.to(port).from("127.0.0.9");
        for (int i = 0; i < 4; i++) {
            assertThat(client.send("GET", JOB, basic(OPERATOR[0], "typo")).status()).isEqualTo(401);
        }
        assertThat(client.send("GET", JOB, basic(OPERATOR)).status()).isEqualTo(404);
        for (int i = 0; i < 4; i++) {
            assertThat(client.send("GET", JOB, basic(OPERATOR[0], "typo")).status()).isEqualTo(401);
        }
        assertThat(client.send("GET", JOB, basic(OPERATOR)).status()).isEqualTo(404);
    }
}
