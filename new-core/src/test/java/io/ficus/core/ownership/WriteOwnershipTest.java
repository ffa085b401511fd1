package io.ficus.core.ownership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ficus.core.CoreTest;
import io.ficus.support.ownership.WriteGuard;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.TestPropertySource;

/**
 * With enforcement on, the core accepts a group's writes only while the gateway says it owns them: other writes get 409
 * and change nothing, reads and dry runs pass, an older epoch never undoes a newer one, and a revoke answers only once
 * the group's writes in flight ended.
 */
@TestPropertySource(properties = {"ficus.ownership.enforce=true", "ficus.ownership.drain-timeout=1s"})
class WriteOwnershipTest extends CoreTest {

    /** Epochs grow across the tests of this class, which share one database. */
    private static final AtomicLong epochs = new AtomicLong(1_000);

    static final Map<String, List<Map<String, Object>>> ROUTES = Map.of(
            "users", List.of(route("POST", "/api/register"), route("PATCH", "/api/users/{id}"), route("DELETE", "/api/users/{id}")),
            "projects", List.of(route("POST", "/api/projects"), route("PATCH", "/api/projects/{id}"), route("DELETE", "/api/projects/{id}")),
            "tickets", List.of(route("POST", "/api/projects/{id}/tickets"), route("PATCH", "/api/tickets/{id}"),
                    route("DELETE", "/api/tickets/{id}")));

    @Value("${ficus.security.gateway-secret}")
    String secret;
    @Autowired
    WriteGuard ownership;

    static Map<String, Object> route(String method, String path) {
        return Map.of("methods", List.of(method), "path", path);
    }

    Answer push(String group, String owner, long epoch) {
        return call("PUT", "/ficus/ownership/" + group, null, Map.of("owner", owner, "epoch", epoch, "routes", ROUTES.get(group)),
                Map.of("X-Ficus-Gateway-Secret", secret));
    }

    @BeforeEach
    void theCoreOwnsEveryGroup() {
        long epoch = epochs.incrementAndGet();
        ROUTES.keySet().forEach(group -> push(group, "core", epoch).expect(200));
    }

    @Test
    void aWriteOfAGroupTheLegacyOwnsIsRefusedWith409AndChangesNothingWhileReadsAndDryRunsPass() {
        Account a = newAccount();
        String project = defaultProject(a);
        String ticket = createTicket(a, project, "before the revoke");
        push("tickets", "legacy", epochs.incrementAndGet()).expect(200);
        long tickets = count("select count(*) from tickets_ticket");

        var refused = post("/api/projects/" + project + "/tickets", a, Map.of("title", "bypass", "assigneeIds", List.of()))
                .expectError(409, "writes of group 'tickets' are owned by the legacy application; send them through the gateway");
        assertThat(refused.body().path("error").asString()).isEqualTo("Conflict");
        assertThat(refused.body().path("path").asString()).isEqualTo("/api/projects/" + project + "/tickets");
        patch("/api/tickets/" + ticket, a, Map.of("title", "bypass")).expect(409);
        delete("/api/tickets/" + ticket, a).expect(409);
        assertThat(count("select count(*) from tickets_ticket")).isEqualTo(tickets);
        assertThat(get("/api/tickets/" + ticket, a).expect(200).body().path("title").asString()).isEqualTo("before the revoke");

        call("POST", "/api/projects/" + project + "/tickets", a.token(), Map.of("title", "dry", "assigneeIds", List.of()),
                Map.of("X-Ficus-Dry-Run", "true", "X-Ficus-Gateway-Secret", secret)).expect(201);
        call("PATCH", "/api/tickets/" + ticket, a.token(), Map.of("title", "not dry"),
                Map.of("X-Ficus-Dry-Run", "false", "X-Ficus-Gateway-Secret", secret)).expect(409);
        assertThat(count("select count(*) from tickets_ticket")).isEqualTo(tickets);
        // other groups are still the core's
        patch("/api/projects/" + project, a, Map.of("name", "renamed while tickets are the legacy's")).expect(200);
    }

    @Test
    void anOlderEpochIsIgnoredAndTheRecordedOwnershipSurvivesInTheDatabase() {
        long newer = epochs.addAndGet(10);
        push("tickets", "legacy", newer).expect(200);
        var stale = push("tickets", "core", newer - 1).expect(409);
        assertThat(stale.body().path("owner").asString()).isEqualTo("legacy");
        assertThat(stale.body().path("epoch").asLong()).isEqualTo(newer);
        assertThat(jdbc.sql("select owner from ownership_group where group_name = 'tickets'").query(String.class).single())
                .isEqualTo("legacy");
        var shown = call("GET", "/ficus/ownership", null, null, Map.of("X-Ficus-Gateway-Secret", secret)).expect(200);
        assertThat(shown.raw()).contains("\"owner\":\"legacy\"", "\"epoch\":" + newer);
    }

    @Test
    void theOwnershipApiNeedsTheGatewaysSecretAndAValidBody() {
        call("PUT", "/ficus/ownership/tickets", null, Map.of("owner", "legacy", "epoch", 1, "routes", List.of()), Map.of())
                .expectError(403, "the ownership API is accepted only from the gateway");
        call("PUT", "/ficus/ownership/tickets", null, Map.of("owner", "legacy", "epoch", 1, "routes", List.of()),
                Map.of("X-Ficus-Gateway-Secret", secret + "x")).expect(403);
        call("GET", "/ficus/ownership", null, null, Map.of()).expect(403);
        call("PUT", "/ficus/ownership/tickets", null, Map.of("owner", "both", "epoch", epochs.incrementAndGet(), "routes", List.of()),
                Map.of("X-Ficus-Gateway-Secret", secret)).expectError(400, "'owner' must be legacy or core");
        assertThat(ownership.grants().get("tickets").owner()).isEqualTo("core");
    }

    @Test
    void aRevokeAnswersOnlyOnceTheGroupsWritesInFlightEnded() throws Exception {
        var admitted = (WriteGuard.Admitted) ownership.admit("PATCH", "/api/tickets/" + UUID.randomUUID());
        CompletableFuture<Answer> revoke = CompletableFuture.supplyAsync(() -> push("tickets", "legacy", epochs.incrementAndGet()));
        await().until(() -> ownership.grants().get("tickets").owner().equals("legacy"));
        assertThat(ownership.admit("PATCH", "/api/tickets/" + UUID.randomUUID())).isInstanceOf(WriteGuard.Refused.class);
        assertThat(revoke).isNotDone();
        ownership.release(admitted);
        assertThat(revoke.get().expect(200).body().path("inFlight").asInt()).isZero();

        push("tickets", "core", epochs.incrementAndGet()).expect(200);
        var stuck = (WriteGuard.Admitted) ownership.admit("DELETE", "/api/tickets/" + UUID.randomUUID());
        var timedOut = push("tickets", "legacy", epochs.incrementAndGet()).expect(503);
        assertThat(timedOut.body().path("inFlight").asInt()).isEqualTo(1);
        assertThat(ownership.grants().get("tickets").owner()).as("stays revoked").isEqualTo("legacy");
        ownership.release(stuck);
    }
}
