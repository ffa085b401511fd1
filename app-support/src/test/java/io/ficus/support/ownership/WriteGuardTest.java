package io.ficus.support.ownership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ficus.support.SupportTest;
import io.ficus.support.SupportTestApplication;
import io.ficus.testkit.TestHttp;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The write guard as the gateway drives it: only the gateway may push, an older epoch never undoes a newer one, a write
 * of a group owned elsewhere is refused with 409 in the API's error body and runs nothing, and a revoke answers only
 * once the group's writes in flight ended (503 when they outlast the drain timeout).
 */
class WriteGuardTest extends SupportTest {

    private static final AtomicLong epochs = new AtomicLong(1_000);
    private static final List<Map<String, Object>> TICKET_ROUTES = List.of(
            Map.of("methods", List.of("POST"), "path", "/api/projects/{id}/tickets"));

    @Autowired
    WriteGuard guard;

    TestHttp.Response push(String owner, long epoch, String secret) {
        return TestHttp.to(port).header("X-Ficus-Gateway-Secret", secret)
                .put("/ficus/ownership/tickets", Map.of("owner", owner, "epoch", epoch, "routes", TICKET_ROUTES));
    }

    @AfterEach
    void ticketsBackToThisApplication() {
        assertThat(push("legacy", epochs.incrementAndGet(), SupportTestApplication.GATEWAY_SECRET).status()).isEqualTo(200);
    }

    @Test
    void theOwnershipApiNeedsTheGatewaysSecretAndIgnoresAnOlderEpoch() {
        assertThat(push("core", epochs.incrementAndGet(), null).status()).isEqualTo(403);
        assertThat(push("core", epochs.incrementAndGet(), "wrong").json().path("message").asString())
                .isEqualTo("the ownership API is accepted only from the gateway");
        assertThat(TestHttp.to(port).get("/ficus/ownership").status()).isEqualTo(403);
        long newer = epochs.addAndGet(10);
        assertThat(push("legacy", newer, SupportTestApplication.GATEWAY_SECRET).status()).isEqualTo(200);
        var stale = push("core", newer - 1, SupportTestApplication.GATEWAY_SECRET);
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.json().path("owner").asString()).isEqualTo("legacy");
        assertThat(guard.grants().get("tickets").owner()).isEqualTo("legacy");
        var bad = TestHttp.to(port).header("X-Ficus-Gateway-Secret", SupportTestApplication.GATEWAY_SECRET)
                .put("/ficus/ownership/tickets", Map.of("owner", "both", "epoch", epochs.incrementAndGet(), "routes", List.of()));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("message").asString()).isEqualTo("'owner' must be legacy or core");
    }

    @Test
    void aWriteOfAGroupOwnedElsewhereIsRefusedWith409AndRunsNothingWhileReadsPass() {
        assertThat(push("core", epochs.incrementAndGet(), SupportTestApplication.GATEWAY_SECRET).status()).isEqualTo(200);
        int before = SupportTestApplication.stored.get();
        String path = "/api/projects/" + UUID.randomUUID() + "/tickets";

        var refused = TestHttp.to(port).post(path, Map.of("title", "bypass", "assigneeIds", List.of()));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().path("error").asString()).isEqualTo("Conflict");
        assertThat(refused.json().path("message").asString())
                .isEqualTo("writes of group 'tickets' are owned by the new core; send them through the gateway");
        assertThat(refused.json().path("path").asString()).isEqualTo(path);
        assertThat(SupportTestApplication.stored.get()).isEqualTo(before);
        assertThat(TestHttp.to(port).get("/api/projects").status()).isEqualTo(200);
    }

    @Test
    void aRevokeAnswersOnlyOnceTheGroupsWritesInFlightEnded() throws Exception {
        String path = "/api/projects/" + UUID.randomUUID() + "/tickets";
        var admitted = (WriteGuard.Admitted) guard.admit("POST", path);
        CompletableFuture<TestHttp.Response> revoke = CompletableFuture.supplyAsync(() ->
                push("core", epochs.incrementAndGet(), SupportTestApplication.GATEWAY_SECRET));
        await().until(() -> guard.grants().get("tickets").owner().equals("core"));
        assertThat(guard.admit("POST", path)).isInstanceOf(WriteGuard.Refused.class);
        assertThat(revoke).isNotDone();
        guard.release(admitted);
        assertThat(revoke.get().status()).isEqualTo(200);
        assertThat(revoke.get().json().path("inFlight").asInt()).isZero();

        push("legacy", epochs.incrementAndGet(), SupportTestApplication.GATEWAY_SECRET);
        var stuck = (WriteGuard.Admitted) guard.admit("POST", path);
        var timedOut = push("core", epochs.incrementAndGet(), SupportTestApplication.GATEWAY_SECRET);
        assertThat(timedOut.status()).isEqualTo(503);
        assertThat(timedOut.json().path("inFlight").asInt()).isEqualTo(1);
        assertThat(guard.grants().get("tickets").owner()).as("stays revoked").isEqualTo("core");
        guard.release(stuck);
    }
}
