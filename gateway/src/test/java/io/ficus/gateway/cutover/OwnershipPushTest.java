package io.ficus.gateway.cutover;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.ficus.gateway.LeakReports;
import io.ficus.gateway.catalog.Mode;
import io.ficus.gateway.toggles.ToggleStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A handover tells the applications who owns the group's writes: the old owner is revoked after the drain and before
 * the fence, the new one granted after the switch, each with an epoch of the handover; a revoke the old owner does not
 * acknowledge refuses the flip and gives the group back to it; the reconcile pushes the current ownership to both.
 */
class OwnershipPushTest {

    private static final JsonMapper json = JsonMapper.builder().build();
    private static final String TICKETS = "/ficus/ownership/tickets";
    private static TwoGateways env;

    @BeforeAll
    static void start() {
        env = new TwoGateways(Map.of(
                "ficus.gateway.ownership.push", "true",
                "ficus.gateway.ownership.reconcile-interval", "1h",
                "ficus.gateway.handover.poll-interval", "25ms",
                "ficus.gateway.handover.lease", "1s",
                "ficus.gateway.handover.drain-timeout", "4s",
                "ficus.gateway.handover.fence-timeout", "2s"));
    }

    @AfterAll
    static void stop() {
        env.close();
        assertThat(LeakReports.collect()).as("Netty buffer leaks").isEmpty();
    }

    @BeforeEach
    void everythingOnTheLegacy() {
        env.admin.update("update route_toggle set mode = 'LEGACY', percent = 0, shadow_reads = false");
        for (int g = 0; g < 2; g++) {
            env.bean(g, ToggleStore.class).refresh();
        }
        env.backendsAnswer(0);
        env.adapter.stubFor(post("/ficus/api/sync/fence").willReturn(aResponse().withStatus(200).withFixedDelay(50)
                .withHeader("Content-Type", "application/json").withBody("{\"waitedMillis\":50}")));
        await().atMost(Duration.ofSeconds(20)).until(() -> env.bean(0, WriteGate.class).leaseValid()
                && env.bean(1, WriteGate.class).leaseValid());
    }

    /** The pushes of the tickets group, in the order received. */
    private static List<LoggedRequest> pushes(WireMockServer backend) {
        return backend.findAll(putRequestedFor(urlEqualTo(TICKETS))).stream()
                .sorted(Comparator.comparing(LoggedRequest::getLoggedDate)).toList();
    }

    private static LoggedRequest last(List<LoggedRequest> requests) {
        return requests.stream().max(Comparator.comparing(LoggedRequest::getLoggedDate)).orElseThrow();
    }

    private static JsonNode body(LoggedRequest request) {
        return json.readTree(request.getBodyAsString());
    }

    private static long handover(java.net.http.HttpResponse<String> flip) {
        return Long.parseLong(flip.headers().firstValue(Cutover.Flip.HANDOVER_ID).orElseThrow());
    }

    @Test
    void aFlipRevokesTheOldOwnerBeforeTheFenceAndGrantsTheNewOneAfterTheSwitch() throws Exception {
        var flip = env.flip(0, "tickets", "NEW", "ownership push test");
        assertThat(flip.statusCode()).as(flip.body()).isEqualTo(200);
        long id = handover(flip);

        LoggedRequest revoke = last(pushes(env.legacy));
        assertThat(body(revoke).path("owner").asString()).isEqualTo("core");
        assertThat(body(revoke).path("epoch").asLong()).isEqualTo(3 * id);
        assertThat(revoke.getHeader("X-Ficus-Gateway-Secret")).isEqualTo("two-gateways-secret-0123456789abcdef");
        assertThat(body(revoke).path("routes").toString()).contains("\"methods\":[\"PATCH\"],\"path\":\"/api/tickets/{id}\"")
                .doesNotContain("GET");
        LoggedRequest grant = last(pushes(env.core));
        assertThat(body(grant).path("owner").asString()).isEqualTo("core");
        assertThat(body(grant).path("epoch").asLong()).isEqualTo(3 * id + 1);
        Instant fence = env.adapter.getAllServeEvents().stream().map(e -> e.getRequest().getLoggedDate().toInstant())
                .max(Comparator.naturalOrder()).orElseThrow();
        assertThat(revoke.getLoggedDate().toInstant()).isBeforeOrEqualTo(fence);
        assertThat(grant.getLoggedDate().toInstant()).isAfterOrEqualTo(fence);

        var back = env.flip(1, "tickets", "LEGACY", "ownership push test, back");
        assertThat(back.statusCode()).as(back.body()).isEqualTo(200);
        long backId = handover(back);
        assertThat(body(last(pushes(env.core))).path("owner").asString()).isEqualTo("legacy");
        assertThat(body(last(pushes(env.core))).path("epoch").asLong()).isEqualTo(3 * backId);
        assertThat(body(last(pushes(env.legacy))).path("epoch").asLong()).isEqualTo(3 * backId + 1);
    }

    @Test
    void aRevokeTheOldOwnerDoesNotAcknowledgeRefusesTheFlipAndGivesTheGroupBack() throws Exception {
        env.legacy.stubFor(put(urlEqualTo(TICKETS)).atPriority(1).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "application/json").withBody("{\"message\":\"1 writes still run here\"}")));
        int coreBefore = pushes(env.core).size();

        var flip = env.flip(0, "tickets", "NEW", "ownership push test, refused");
        assertThat(flip.statusCode()).as(flip.body()).isEqualTo(503);
        assertThat(flip.body()).contains("DRAIN", "1 writes still run here");
        assertThat(env.bean(0, ToggleStore.class).snapshot().toggles().get("tickets-update").mode()).isEqualTo(Mode.LEGACY);
        long id = env.admin.queryForObject("select max(id) from handover where group_name = 'tickets'", Long.class);
        assertThat(env.admin.queryForObject("select state from handover where id = ?", String.class, id)).isEqualTo("ABORTED");
        assertThat(env.adapter.getAllServeEvents()).as("no fence without the revoke").isEmpty();
        List<LoggedRequest> toCore = pushes(env.core).subList(coreBefore, pushes(env.core).size());
        assertThat(toCore).hasSize(1);
        assertThat(body(toCore.get(0)).path("owner").asString()).isEqualTo("legacy");
        assertThat(body(toCore.get(0)).path("epoch").asLong()).isEqualTo(3 * id + 2);
        assertThat(body(last(pushes(env.legacy))).path("epoch").asLong()).isEqualTo(3 * id + 2);
        assertThat(body(last(pushes(env.legacy))).path("owner").asString()).isEqualTo("legacy");
    }

    @Test
    void theReconcilePushesWhatTheGatewayStandsByToBothApplications() {
        env.admin.update("insert into handover (group_name, from_owner, to_owner, state, expires_at, coordinator, actor, reason)"
                + " values ('projects', 'legacy', 'core', 'ABORTED', now(), 'test', 'test', 'test')");
        long id = env.admin.queryForObject("select max(id) from handover where group_name = 'projects'", Long.class);
        env.bean(0, OwnershipReconciler.class).reconcile();

        var projects = env.legacy.findAll(putRequestedFor(urlEqualTo("/ficus/ownership/projects")));
        assertThat(body(last(projects)).path("owner").asString()).isEqualTo("legacy");
        assertThat(body(last(projects)).path("epoch").asLong()).isEqualTo(3 * id + 2);
        assertThat(env.core.findAll(putRequestedFor(urlEqualTo("/ficus/ownership/sessions")))).as("no write routes").isEmpty();
        assertThat(env.core.findAll(putRequestedFor(urlEqualTo("/ficus/ownership/users")))).isNotEmpty();
    }
}
