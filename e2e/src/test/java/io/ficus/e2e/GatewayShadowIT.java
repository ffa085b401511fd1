package io.ficus.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ficus.sandbox.App;
import io.ficus.sandbox.Stack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * SHADOW mode with the real legacy-app and new-core behind the real gateway: the client keeps
 * getting the legacy's answer while the gateway replays the read against the new core and
 * records a comparison (MATCH when both agree, MISMATCH with the differing JSON path when not),
 * and every flip of the route is audited with its reason.
 */
class GatewayShadowIT {

    private static final String ROUTE = "tickets-get";
    private static final Duration SYNC = Duration.ofSeconds(30);
    private static final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static Stack stack;
    static Http gateway;
    static Http legacy;
    static Http core;
    static String token;
    static String projectId;
    static String flipReason;

    @BeforeAll
    static void flipTheTicketReadToShadow() {
        stack = RunningStack.get();
        gateway = new Http(stack.config().url(App.GATEWAY), null).signUp("Sasha");
        token = gateway.token();
        legacy = new Http(stack.config().url(App.LEGACY_APP), token);
        core = new Http(stack.config().url(App.NEW_CORE), token);
        projectId = gateway.get("/api/projects").json().get(0).get("id").asString();

        flipReason = "GatewayShadowIT: compare ticket reads " + UUID.randomUUID();
        var flipped = admin().put("/ficus/api/routes/" + ROUTE + "/mode", Map.of("mode", "SHADOW", "reason", flipReason));
        assertThat(flipped.status()).as(flipped.body()).isEqualTo(200);
        assertThat(routeIn(flipped.json(), ROUTE).get("mode").asString()).isEqualTo("SHADOW");
        awaitMode("SHADOW");
    }

    @AfterAll
    static void restoreTheTicketReadToLegacy() {
        if (flipReason == null) {
            return;
        }
        String reason = "GatewayShadowIT: done comparing " + UUID.randomUUID();
        var restored = admin().put("/ficus/api/routes/" + ROUTE + "/mode", Map.of("mode", "LEGACY", "reason", reason));
        assertThat(restored.status()).as(restored.body()).isEqualTo(200);
        assertThat(routeIn(restored.json(), ROUTE).get("mode").asString()).isEqualTo("LEGACY");
        awaitMode("LEGACY");
        JsonNode entry = auditEntry(reason);
        assertThat(entry.get("from").asString()).isEqualTo("SHADOW");
        assertThat(entry.get("to").asString()).isEqualTo("LEGACY");
    }

    @Test
    void aShadowedReadWithIdenticalAnswersIsRecordedAsMatchWhileTheClientGetsTheLegacyAnswer() {
        String id = createTicketSyncedToTheCore("Printer on fire");
        JsonNode legacyAnswer = legacy.get("/api/tickets/" + id).json();

        String requestId = "shadow-match-" + UUID.randomUUID();
        Http.Response answer = gatewayGet("/api/tickets/" + id, requestId);

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json()).isEqualTo(legacyAnswer);
        JsonNode comparison = awaitComparison(requestId);
        assertThat(comparison.get("verdict").asString()).as(comparison.toString()).isEqualTo("MATCH");
        assertThat(comparison.get("routeId").asString()).isEqualTo(ROUTE);
        assertThat(comparison.get("method").asString()).isEqualTo("GET");
        assertThat(comparison.get("path").asString()).isEqualTo("/api/tickets/" + id);
        assertThat(comparison.get("legacyStatus").asInt()).isEqualTo(200);
        assertThat(comparison.get("coreStatus").asInt()).isEqualTo(200);
        assertThat(comparison.get("differences").size()).isZero();
        assertThat(Http.json.readTree(comparison.get("legacyBody").asString())).isEqualTo(legacyAnswer);
        assertThat(Http.json.readTree(comparison.get("coreBody").asString())).isEqualTo(legacyAnswer);
        JsonNode headers = comparison.get("requestHeaders");
        String authorization = headers.propertyNames().stream().filter("Authorization"::equalsIgnoreCase)
                .map(name -> headers.get(name).asString()).findFirst().orElseThrow();
        assertThat(authorization).doesNotContain(token);
    }

    @Test
    void aShadowedReadWhereTheCoreDiffersIsRecordedAsMismatchNamingTheDifferingJsonPath() {
        String id = createTicketSyncedToTheCore("Coffee machine leaks");
        setTitleOnlyInTheCore(id, "Coffee machine repaired (core only)");
        await().atMost(SYNC).until(() -> core.get("/api/tickets/" + id).json().get("title").asString()
                .equals("Coffee machine repaired (core only)"));

        String requestId = "shadow-mismatch-" + UUID.randomUUID();
        Http.Response answer = gatewayGet("/api/tickets/" + id, requestId);

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().get("title").asString()).isEqualTo("Coffee machine leaks");
        assertThat(answer.json()).isEqualTo(legacy.get("/api/tickets/" + id).json());
        JsonNode comparison = awaitComparison(requestId);
        assertThat(comparison.get("verdict").asString()).as(comparison.toString()).isEqualTo("MISMATCH");
        assertThat(comparison.get("legacyStatus").asInt()).isEqualTo(200);
        assertThat(comparison.get("coreStatus").asInt()).isEqualTo(200);
        JsonNode differences = comparison.get("differences");
        assertThat(differences.size()).as(differences.toString()).isEqualTo(1);
        JsonNode difference = differences.get(0);
        assertThat(difference.get("path").asString()).isEqualTo("$.title");
        assertThat(difference.get("legacy").asString()).isEqualTo("\"Coffee machine leaks\"");
        assertThat(difference.get("core").asString()).isEqualTo("\"Coffee machine repaired (core only)\"");
        assertThat(Http.json.readTree(comparison.get("coreBody").asString()).get("title").asString())
                .isEqualTo("Coffee machine repaired (core only)");
        JsonNode summary = summaries(ROUTE, "MISMATCH").stream()
                .filter(s -> requestId.equals(s.get("requestId").asString())).findFirst().orElseThrow();
        assertThat(summary.get("differences").asInt()).isEqualTo(1);
    }

    @Test
    void theAuditTrailRecordsTheFlipToShadowWithTheAdminAndTheReason() {
        JsonNode entry = auditEntry(flipReason);

        assertThat(entry.get("routeId").asString()).isEqualTo(ROUTE);
        assertThat(entry.get("group").asString()).isEqualTo("tickets");
        assertThat(entry.get("actor").asString()).isEqualTo(stack.config().adminUser());
        assertThat(entry.get("from").asString()).isEqualTo("LEGACY");
        assertThat(entry.get("to").asString()).isEqualTo("SHADOW");
        assertThat(entry.get("at").isNull()).isFalse();
    }

    private static String createTicketSyncedToTheCore(String title) {
        var created = gateway.post("/api/projects/" + projectId + "/tickets", Map.of(
                "title", title, "description", "seen through the shadow", "dueTime", "2026-12-24T18:00:00",
                "assigneeIds", List.of()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asString();
        await().atMost(SYNC).pollInterval(Duration.ofMillis(50)).until(() -> {
            var inCore = core.get("/api/tickets/" + id);
            return inCore.status() == 200 && inCore.json().equals(legacy.get("/api/tickets/" + id).json());
        });
        return id;
    }

    private static void setTitleOnlyInTheCore(String ticketId, String title) {
        try {
            assertThat(Sql.update(stack.config().coreDb(), "update tickets_ticket set title = ? where id = ?", title,
                    UUID.fromString(ticketId))).isEqualTo(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode awaitComparison(String requestId) {
        long id = await().atMost(SYNC).pollInterval(Duration.ofMillis(100))
                .until(() -> summaries(ROUTE, null).stream()
                        .filter(s -> requestId.equals(s.get("requestId").asString()))
                        .map(s -> s.get("id").asLong()).findFirst(), Optional::isPresent)
                .orElseThrow();
        var full = admin().get("/ficus/api/comparisons/" + id);
        assertThat(full.status()).as(full.body()).isEqualTo(200);
        JsonNode comparison = full.json();
        assertThat(comparison.get("requestId").asString()).isEqualTo(requestId);
        return comparison;
    }

    private static List<JsonNode> summaries(String routeId, String verdict) {
        var listed = admin().get("/ficus/api/comparisons?routeId=" + routeId
                + (verdict == null ? "" : "&verdict=" + verdict) + "&limit=500");
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        return elements(listed.json());
    }

    private static JsonNode auditEntry(String reason) {
        var audit = admin().get("/ficus/api/audit?routeId=" + ROUTE + "&limit=500");
        assertThat(audit.status()).as(audit.body()).isEqualTo(200);
        return elements(audit.json()).stream().filter(e -> reason.equals(e.get("reason").asString()))
                .findFirst().orElseThrow(() -> new AssertionError("no audit entry with reason " + reason + " in " + audit.body()));
    }

    private static void awaitMode(String mode) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> admin().get("/ficus/api/routes/" + ROUTE).json().get("mode").asString().equals(mode));
    }

    private static JsonNode routeIn(JsonNode routes, String id) {
        return elements(routes).stream().filter(r -> id.equals(r.get("id").asString())).findFirst()
                .orElseThrow(() -> new AssertionError("no route " + id + " in " + routes));
    }

    private static List<JsonNode> elements(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }

    private static Http.Response gatewayGet(String path, String requestId) {
        return send(HttpRequest.newBuilder(URI.create(stack.config().url(App.GATEWAY) + path))
                .header("Authorization", "Bearer " + token)
                .header("X-Request-Id", requestId)
                .GET());
    }

    /** The gateway's admin API. */
    private static Http admin() {
        return Http.admin(stack.config().url(App.GATEWAY), stack.config().adminUser(), stack.config().adminPassword());
    }

    private static Http.Response send(HttpRequest.Builder builder) {
        try {
            var response = client.send(builder.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
            return new Http.Response(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
