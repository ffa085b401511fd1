package io.ficus.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/**
 * {@code X-Ficus-Dry-Run: true} with the gateway's secret runs the command, answers as usual and
 * leaves nothing behind; without the secret it is refused and nothing runs.
 */
class DryRunTest extends CoreTest {

    static final String FORBIDDEN = "X-Ficus-Dry-Run is accepted only from the gateway";

    @Value("${ficus.security.gateway-secret}")
    String gatewaySecret;

    Map<String, String> DRY_RUN;

    @BeforeEach
    void fromTheGateway() {
        DRY_RUN = Map.of("X-Ficus-Dry-Run", "true", "X-Ficus-Gateway-Secret", gatewaySecret);
    }

    @Test
    void aDryRunAnswersLikeTheRealCommandButLeavesNoRowNoPublicationAndNoMessage() {
        Account a = newAccount();
        String project = defaultProject(a);
        long publications = count("select count(*) from event_publication");

        var dry = call("POST", "/api/projects/" + project + "/tickets", a.token(), Map.of("title", "dry", "assigneeIds", List.of()), DRY_RUN)
                .expect(201);
        assertThat(dry.body().path("title").asString()).isEqualTo("dry");
        UUID id = UUID.fromString(dry.id());
        assertThat(count("select count(*) from tickets_ticket where id = ?", id)).isZero();
        assertThat(count("select count(*) from phases_ticket where ticket_id = ?", id)).isZero();
        assertThat(count("select count(*) from event_publication")).isEqualTo(publications);

        String email = "dry-" + UUID.randomUUID() + "@example.com";
        call("POST", "/api/register", null, Map.of("name", "D", "email", email, "password", "secret-password"), DRY_RUN).expect(201);
        assertThat(count("select count(*) from users_user where email = ?", email)).isZero();
        assertThat(count("select count(*) from event_publication")).isEqualTo(publications);

        call("DELETE", "/api/projects/" + project, a.token(), null, DRY_RUN).expect(204);
        get("/api/projects/" + project, a).expect(200);
        call("POST", "/api/projects/" + project + "/tickets", a.token(), Map.of("title", " "), DRY_RUN)
                .expectError(400, "'title' must not be blank");

        String real = createTicket(a, project, "real");
        org.awaitility.Awaitility.await().until(() -> coreEvents().stream().anyMatch(r -> r.key().equals(real)));
        assertThat(coreEvents()).noneMatch(r -> r.key().equals(id.toString()) || r.value().contains(email));
    }

    @Test
    void aDryRunWithoutTheGatewaysSecretIsRefusedAndChangesNothing() {
        Account a = newAccount();
        String project = defaultProject(a);
        long tickets = count("select count(*) from tickets_ticket");
        long publications = count("select count(*) from event_publication");

        var refused = call("POST", "/api/projects/" + project + "/tickets", a.token(),
                Map.of("title", "not from the gateway", "assigneeIds", List.of()), Map.of("X-Ficus-Dry-Run", "true"))
                .expectError(403, FORBIDDEN);
        assertThat(refused.body().path("error").asString()).isEqualTo("Forbidden");
        assertThat(refused.body().path("path").asString()).isEqualTo("/api/projects/" + project + "/tickets");

        String email = "forged-" + UUID.randomUUID() + "@example.com";
        call("POST", "/api/register", null, Map.of("name", "F", "email", email, "password", "secret-password"),
                Map.of("X-Ficus-Dry-Run", "true", "X-Ficus-Gateway-Secret", gatewaySecret + "x")).expectError(403, FORBIDDEN);
        call("POST", "/api/register", null, Map.of("name", "F", "email", email, "password", "secret-password"),
                Map.of("X-Ficus-Dry-Run", "true", "X-Ficus-Gateway-Secret", "")).expectError(403, FORBIDDEN);
        call("DELETE", "/api/projects/" + project, a.token(), null,
                Map.of("X-Ficus-Dry-Run", "false", "X-Ficus-Gateway-Secret", "wrong")).expectError(403, FORBIDDEN);

        assertThat(count("select count(*) from tickets_ticket")).isEqualTo(tickets);
        assertThat(count("select count(*) from users_user where email = ?", email)).isZero();
        assertThat(count("select count(*) from event_publication")).isEqualTo(publications);
        get("/api/projects/" + project, a).expect(200);
    }

    @Test
    void theSecretAloneRunsTheRequestForReal() {
        Account a = newAccount();
        String project = defaultProject(a);
        String id = call("POST", "/api/projects/" + project + "/tickets", a.token(), Map.of("title", "real", "assigneeIds", List.of()),
                Map.of("X-Ficus-Dry-Run", "false", "X-Ficus-Gateway-Secret", gatewaySecret)).expect(201).id();
        assertThat(count("select count(*) from tickets_ticket where id = ?", UUID.fromString(id))).isOne();
    }
}
