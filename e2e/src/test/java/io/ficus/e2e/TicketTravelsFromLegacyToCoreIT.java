package io.ficus.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ficus.sandbox.App;
import io.ficus.sandbox.Stack;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * The walking skeleton's promise: a ticket created through the gateway in the legacy
 * travels legacy DB → cdc-bridge → Kafka → legacy-adapter → Kafka → new core, and so do its
 * update and its deletion.
 */
class TicketTravelsFromLegacyToCoreIT {

    private static final Logger log = LoggerFactory.getLogger(TicketTravelsFromLegacyToCoreIT.class);

    static Stack stack;
    static Http gateway;
    static Http core;

    @BeforeAll
    static void startStack() {
        stack = RunningStack.get();
        gateway = new Http(stack.config().url(App.GATEWAY), null).signUp("Erin");
        core = new Http(stack.config().url(App.NEW_CORE), gateway.token());
    }

    @Test
    void ticketCreatedUpdatedAndDeletedInTheLegacyArrivesInTheNewCore() {
        JsonNode project = gateway.get("/api/projects").json().get(0);
        String projectId = project.get("id").asString();

        var created = gateway.post("/api/projects/" + projectId + "/tickets", Map.of(
                "title", "Printer on fire", "description", "third floor", "dueTime", "2026-12-24T18:00:00",
                "assigneeIds", List.of()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long createdAt = System.nanoTime();
        JsonNode ticket = created.json();
        String id = ticket.get("id").asString();

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10))
                .until(() -> core.get("/api/tickets/" + id).status() == 200);
        log.info("Ticket visible in the new core {} ms after the legacy answered 201",
                Duration.ofNanos(System.nanoTime() - createdAt).toMillis());
        assertThat(core.get("/api/tickets/" + id).json()).isEqualTo(gateway.get("/api/tickets/" + id).json());

        var renamed = gateway.patch("/api/tickets/" + id, Map.of("title", "Printer extinguished"));
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10))
                .until(() -> core.get("/api/tickets/" + id).json().get("title").asString().equals("Printer extinguished"));

        assertThat(gateway.delete("/api/tickets/" + id).status()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10))
                .until(() -> core.get("/api/tickets/" + id).status() == 404);
    }
}
