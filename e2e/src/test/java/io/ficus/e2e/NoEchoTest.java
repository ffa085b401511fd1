package io.ficus.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ficus.sandbox.App;
import io.ficus.sandbox.Stack;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A write made in one system is applied exactly once in the other and never comes back: the
 * adapter's write-back is recognised by its echo mark, and the core does not re-publish what
 * it applied from the legacy.
 */
class NoEchoTest {

    /** The adapter's counter of dropped echoes, from its Prometheus scrape. */
    static double echoesDropped(Stack stack) {
        String metrics = new Http(stack.config().url(App.LEGACY_ADAPTER), null).get("/actuator/prometheus").body();
        return metrics.lines().filter(l -> l.startsWith("ficus_adapter_inbound_echoes_dropped_total"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void aUserRegisteredInTheCoreIsWrittenIntoTheLegacyOnceAndItsEchoIsDropped() throws Exception {
        Stack stack = RunningStack.get();
        var legacyDb = stack.config().legacyDb();
        var coreDb = stack.config().coreDb();
        double echoesBefore = echoesDropped(stack);
        String email = "echo-core-" + UUID.randomUUID() + "@example.com";
        var registered = new Http(stack.config().url(App.NEW_CORE), null)
                .post("/api/register", Map.of("name", "Echo", "email", email, "password", "echo-pass"));
        assertThat(registered.status()).isEqualTo(201);
        UUID id = UUID.fromString(registered.json().get("id").asString());

        await().atMost(Duration.ofSeconds(60)).until(() -> Sql.count(legacyDb, "select count(*) from usr_user where usr_id = ?", id.toString()) == 1);
        // The legacy rows of the write-back come back through CDC and are dropped as echoes ...
        await().atMost(Duration.ofSeconds(60)).until(() -> echoesDropped(stack) > echoesBefore);
        // ... so the core never applies them as legacy changes, and the legacy row was written by exactly one event.
        assertThat(Sql.count(coreDb, "select count(*) from legacy_source_position where entity_id = ?", id)).isZero();
        assertThat(Sql.count(legacyDb, "select count(*) from ficus.applied_version where entity_id = ?", id)).isEqualTo(1);
        // And the user can log in on the legacy with the password given to the core.
        assertThat(new Http(stack.config().url(App.LEGACY_APP), null)
                .post("/api/login", Map.of("email", email, "password", "echo-pass")).status()).isEqualTo(200);
    }

    @Test
    void aUserRegisteredInTheLegacyIsAppliedInTheCoreOnceAndNothingIsWrittenBack() throws Exception {
        Stack stack = RunningStack.get();
        var legacyDb = stack.config().legacyDb();
        var coreDb = stack.config().coreDb();
        String email = "echo-legacy-" + UUID.randomUUID() + "@example.com";
        var registered = new Http(stack.config().url(App.LEGACY_APP), null)
                .post("/api/register", Map.of("name", "Echo", "email", email, "password", "echo-pass"));
        assertThat(registered.status()).isEqualTo(201);
        UUID id = UUID.fromString(registered.json().get("id").asString());

        await().atMost(Duration.ofSeconds(60)).until(() -> Sql.count(coreDb, "select count(*) from users_user where id = ?", id) == 1);
        assertThat(Sql.count(coreDb, "select count(*) from legacy_source_position where entity_id = ?", id)).isEqualTo(1);
        assertThat(Sql.count(coreDb, "select version from users_user where id = ?", id)).as("applied once").isEqualTo(1);
        // The core applied it without an integration event: the adapter never wrote it back.
        assertThat(Sql.count(legacyDb, "select count(*) from ficus.applied_version where entity_id = ?", id)).isZero();
        assertThat(new Http(stack.config().url(App.NEW_CORE), null)
                .post("/api/login", Map.of("email", email, "password", "echo-pass")).status()).isEqualTo(200);
    }
}
