package io.ficus.legacy.ownership;

import static org.assertj.core.api.Assertions.assertThat;

import io.ficus.legacy.ApiTest;
import io.ficus.support.ownership.WriteGuard;
import io.ficus.testkit.TestHttp;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * With enforcement on, the legacy accepts every group's writes until the gateway pushes otherwise; once a group's
 * writes are the new core's, a direct write of it gets 409 and changes nothing, while reads and other groups go on.
 */
@TestPropertySource(properties = "ficus.ownership.enforce=true")
class WriteOwnershipTest extends ApiTest {

    private static final AtomicLong epochs = new AtomicLong(1_000);
    private static final List<Map<String, Object>> TICKET_ROUTES = List.of(
            Map.of("methods", List.of("POST"), "path", "/api/projects/{id}/tickets"),
            Map.of("methods", List.of("PATCH"), "path", "/api/tickets/{id}"),
            Map.of("methods", List.of("DELETE"), "path", "/api/tickets/{id}"));

    @Value("${ficus.security.gateway-secret}")
    String secret;
    @Autowired
    WriteGuard ownership;

    record Reply(int status, JsonNode body) {
    }

    Reply send(String method, String path, String token, Object body, String secretHeader) {
        var response = TestHttp.to(port).bearer(token).header("X-Ficus-Gateway-Secret", secretHeader).send(method, path, body);
        return new Reply(response.status(), response.json());
    }

    Reply pushTickets(String owner) throws Exception {
        return send("PUT", "/ficus/ownership/tickets", null,
                Map.of("owner", owner, "epoch", epochs.incrementAndGet(), "routes", TICKET_ROUTES), secret);
    }

    @AfterEach
    void ticketsBackToTheLegacy() throws Exception {
        assertThat(pushTickets("legacy").status()).isEqualTo(200);
    }

    @Test
    void aDirectWriteOfAGroupTheCoreOwnsIsRefusedWith409AndChangesNothing() throws Exception {
        Account a = newAccount();
        String project = defaultProject(a);
        String ticket = createTicket(a, project, "before the flip");
        assertThat(pushTickets("core").status()).isEqualTo(200);
        int tickets = count("select count(*) from tkt_ticket");

        Reply refused = send("POST", "/api/projects/" + project + "/tickets", a.token(),
                Map.of("title", "bypass", "assigneeIds", List.of()), null);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body().path("message").asString())
                .isEqualTo("writes of group 'tickets' are owned by the new core; send them through the gateway");
        assertThat(refused.body().path("error").asString()).isEqualTo("Conflict");
        assertThat(refused.body().path("path").asString()).isEqualTo("/api/projects/" + project + "/tickets");
        assertThat(send("PATCH", "/api/tickets/" + ticket, a.token(), Map.of("title", "bypass"), null).status()).isEqualTo(409);
        assertThat(send("DELETE", "/api/tickets/" + ticket, a.token(), null, null).status()).isEqualTo(409);
        assertThat(count("select count(*) from tkt_ticket")).isEqualTo(tickets);
        assertThat(get("/api/tickets/" + ticket, a).expect(200).text("title")).isEqualTo("before the flip");
        patch("/api/projects/" + project, a, Map.of("name", "renamed while tickets are the core's")).expect(200);

        assertThat(pushTickets("legacy").status()).isEqualTo(200);
        patch("/api/tickets/" + ticket, a, Map.of("title", "after the flip back")).expect(200);
    }

    @Test
    void theOwnershipApiNeedsTheGatewaysSecretAndIgnoresAnOlderEpoch() throws Exception {
        assertThat(send("PUT", "/ficus/ownership/tickets", null, Map.of("owner", "core", "epoch", 1, "routes", TICKET_ROUTES),
                null).status()).isEqualTo(403);
        assertThat(send("GET", "/ficus/ownership", null, null, "wrong").status()).isEqualTo(403);
        long newer = epochs.addAndGet(10);
        assertThat(send("PUT", "/ficus/ownership/tickets", null, Map.of("owner", "legacy", "epoch", newer, "routes", TICKET_ROUTES),
                secret).status()).isEqualTo(200);
        Reply stale = send("PUT", "/ficus/ownership/tickets", null, Map.of("owner", "core", "epoch", newer - 1, "routes", TICKET_ROUTES), secret);
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.body().path("owner").asString()).isEqualTo("legacy");
        assertThat(jdbc.queryForObject("select owner from ficus_ownership where group_name = 'tickets'", String.class)).isEqualTo("legacy");
        assertThat(ownership.grants().get("tickets").owner()).isEqualTo("legacy");
    }
}
