package io.ficus.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ficus.sandbox.App;
import io.ficus.sandbox.Stack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * On a stack configured as the sandbox is, the application that does not own a group's writes refuses them, whoever
 * sends them: with {@code tickets} in LEGACY a direct write to the core's ticket routes gets 409 and changes nothing;
 * after a flip to NEW through the gateway, a direct write to the legacy gets 409 and the core takes it; after the flip
 * back, the reverse.
 */
class WriteOwnershipIT {

    /** Generous: on a loaded machine cdc-bridge may take minutes to catch up after its start. */
    private static final Duration SYNC = Duration.ofMinutes(3);
    private static final HttpClient client = HttpClient.newHttpClient();

    static Stack stack;

    @BeforeAll
    static void startAStackAsTheSandboxIs() {
        stack = Stack.start(RunningStack.config("ownership"));
    }

    @AfterAll
    static void stopTheStack() {
        if (stack != null) {
            stack.close();
        }
    }

    /** {@code GET /ficus/ownership} of one application, with the gateway's secret. */
    static JsonNode ownership(App app) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(stack.config().url(app) + "/ficus/ownership"))
                .header("X-Ficus-Gateway-Secret", stack.config().gatewaySecret()).GET().build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Http.json.readTree(response.body());
    }

    static String ownerOf(App app, String group) throws Exception {
        for (JsonNode grant : ownership(app).path("groups")) {
            if (grant.path("group").asString().equals(group)) {
                return grant.path("owner").asString();
            }
        }
        return null;
    }

    static void flip(String mode) {
        var flipped = Http.operator(stack.config(), App.GATEWAY).put("/ficus/api/groups/tickets/mode",
                Map.of("mode", mode, "reason", "WriteOwnershipIT: tickets to " + mode));
        assertThat(flipped.status()).as(flipped.body()).isEqualTo(200);
    }

    static String title(Http api, String ticket) {
        var answer = api.get("/api/tickets/" + ticket);
        return answer.status() == 200 ? answer.json().path("title").asString() : "(" + answer.status() + ")";
    }

    static void assertRefused(Http.Response answer, String path, String owner) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(409);
        assertThat(answer.json().path("status").asInt()).isEqualTo(409);
        assertThat(answer.json().path("error").asString()).isEqualTo("Conflict");
        assertThat(answer.json().path("message").asString())
                .isEqualTo("writes of group 'tickets' are owned by " + owner + "; send them through the gateway");
        assertThat(answer.json().path("path").asString()).isEqualTo(path);
    }

    @Test
    void onlyTheOwnerOfAGroupTakesItsWritesWhenTheyBypassTheGatewayAcrossFlipsBothWays() throws Exception {
        // the gateway pushes the ownership it stands by at its start: the legacy owns every group
        await().atMost(SYNC).until(() -> "legacy".equals(ownerOf(App.NEW_CORE, "tickets"))
                && "legacy".equals(ownerOf(App.LEGACY_APP, "tickets")));
        assertThat(ownership(App.NEW_CORE).path("enforce").asBoolean()).isTrue();
        var gateway = new Http(stack.config().url(App.GATEWAY), null).signUp("Owen");
        var legacy = new Http(stack.config().url(App.LEGACY_APP), gateway.token());
        var core = new Http(stack.config().url(App.NEW_CORE), gateway.token());
        String project = gateway.get("/api/projects").json().get(0).get("id").asString();
        var created = gateway.post("/api/projects/" + project + "/tickets", Map.of("title", "on the legacy", "assigneeIds", List.of()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String ticket = created.json().get("id").asString();
        await().atMost(SYNC).until(() -> title(core, ticket).equals("on the legacy"));

        String create = "/api/projects/" + project + "/tickets";
        int coreTickets = core.get(create).json().size();
        assertRefused(core.post(create, Map.of("title", "around the gateway", "assigneeIds", List.of())), create,
                "the legacy application");
        assertRefused(core.patch("/api/tickets/" + ticket, Map.of("title", "around the gateway")), "/api/tickets/" + ticket,
                "the legacy application");
        assertRefused(core.delete("/api/tickets/" + ticket), "/api/tickets/" + ticket, "the legacy application");
        assertThat(core.get(create).json().size()).isEqualTo(coreTickets);
        assertThat(title(core, ticket)).isEqualTo("on the legacy");
        assertThat(core.get("/api/users/me").status()).as("reads are never refused").isEqualTo(200);

        flip("NEW");
        assertThat(ownerOf(App.NEW_CORE, "tickets")).isEqualTo("core");
        assertThat(ownerOf(App.LEGACY_APP, "tickets")).isEqualTo("core");
        assertRefused(legacy.patch("/api/tickets/" + ticket, Map.of("title", "around the gateway")), "/api/tickets/" + ticket,
                "the new core");
        assertThat(title(legacy, ticket)).isEqualTo("on the legacy");
        var onTheCore = core.patch("/api/tickets/" + ticket, Map.of("title", "on the core"));
        assertThat(onTheCore.status()).as(onTheCore.body()).isEqualTo(200);
        await().atMost(SYNC).until(() -> title(legacy, ticket).equals("on the core"));
        var viewed = Http.viewer(stack.config(), App.GATEWAY).get("/ficus/api/ownership");
        assertThat(viewed.status()).as(viewed.body()).isEqualTo(200);
        assertThat(viewed.body()).contains("\"group\":\"tickets\",\"owner\":\"core\"");

        flip("LEGACY");
        assertThat(ownerOf(App.NEW_CORE, "tickets")).isEqualTo("legacy");
        assertRefused(core.patch("/api/tickets/" + ticket, Map.of("title", "around the gateway")), "/api/tickets/" + ticket,
                "the legacy application");
        var back = legacy.patch("/api/tickets/" + ticket, Map.of("title", "on the legacy again " + UUID.randomUUID()));
        assertThat(back.status()).as(back.body()).isEqualTo(200);
        String expected = back.json().path("title").asString();
        await().atMost(SYNC).until(() -> title(core, ticket).equals(expected));
    }
}
