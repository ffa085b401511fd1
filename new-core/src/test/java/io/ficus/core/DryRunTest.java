package io.ficus.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code X-Ficus-Dry-Run: true} runs the command, answers as usual and leaves nothing behind. */
class DryRunTest extends CoreTest {

    static final Map<String, String> DRY_RUN = Map.of("X-Ficus-Dry-Run", "true");

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
}
