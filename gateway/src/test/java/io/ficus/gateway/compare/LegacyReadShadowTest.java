package io.ficus.gateway.compare;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import io.ficus.gateway.GatewayIntegrationTest;
import io.ficus.gateway.catalog.Backend;
import io.ficus.gateway.catalog.Mode;
import io.ficus.gateway.catalog.Toggle;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

/** NEW mode with the legacy shadowed for reads: the new core answers, the legacy is only compared. */
class LegacyReadShadowTest extends GatewayIntegrationTest {

    private static final String TICKET = "{\"id\":\"t1\",\"title\":\"Fix\",\"assigneeIds\":[\"a\",\"b\"]}";
    private static final String WRITES_AND_READ = "/api/(projects/p-writes/tickets|tickets/w1)";

    @Autowired
    private ComparisonStore comparisons;

    @Autowired
    private MeterRegistry meters;

    @BeforeEach
    void ticketsOnTheCoreWithReadsShadowed() {
        toggles.changeGroup("tickets", new Toggle(Mode.NEW, 0, true), "test", "new core, legacy reads shadowed");
    }

    private static String newRequestId() {
        return "test-" + UUID.randomUUID();
    }

    /** The comparison recorded for this request, waiting for it. */
    private Comparison comparisonOf(String requestId) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForList(
                        "select id from comparison where request_id = ?", Long.class, requestId),
                ids -> !ids.isEmpty()).stream().findFirst().flatMap(comparisons::find).orElseThrow();
    }

    private static void answers(WireMockServer backend, String path, int status, String body) {
        backend.stubFor(get(path).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(body)));
    }

    private double comparisonsCounted(String route, String shadow, Verdict verdict) {
        Counter counter = meters.find("ficus.gateway.comparisons")
                .tags("route", route, "shadow", shadow, "verdict", verdict.name()).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void answersFromTheCoreAndRecordsAMatchWithTheLegacyCalledOnceWithTheSameRequest() {
        answers(core, "/api/projects/p1/tickets?phaseId=a%2Fb", 200,
                "[{\"title\":\"Fix\",\"id\":\"t1\",\"assigneeIds\":[\"a\",\"b\"]}]");
        answers(legacy, "/api/projects/p1/tickets?phaseId=a%2Fb", 200, "[" + TICKET + "]");
        double matchesBefore = comparisonsCounted("tickets-list", "legacy", Verdict.MATCH);
        String requestId = newRequestId();

        client.get().uri(gateway("/api/projects/p1/tickets?phaseId=a%2Fb")).header("X-Request-Id", requestId).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Ficus-Backend", "core")
                .expectHeader().valueEquals("X-Request-Id", requestId)
                .expectBody(String.class).isEqualTo("[{\"title\":\"Fix\",\"id\":\"t1\",\"assigneeIds\":[\"a\",\"b\"]}]");

        Comparison comparison = comparisonOf(requestId);
        assertThat(comparison.verdict()).isEqualTo(Verdict.MATCH);
        assertThat(comparison.primary()).isEqualTo(Backend.CORE);
        assertThat(comparison.routeId()).isEqualTo("tickets-list");
        assertThat(comparison.path()).isEqualTo("/api/projects/p1/tickets?phaseId=a%2Fb");
        assertThat(comparison.legacyStatus()).isEqualTo(200);
        assertThat(comparison.coreStatus()).isEqualTo(200);
        assertThat(comparison.legacyBody()).isEqualTo("[" + TICKET + "]");
        legacy.verify(1, getRequestedFor(urlEqualTo("/api/projects/p1/tickets?phaseId=a%2Fb"))
                .withHeader("X-Request-Id", equalTo(requestId))
                .withHeader("X-Ficus-Dry-Run", absent()));
        core.verify(1, getRequestedFor(urlEqualTo("/api/projects/p1/tickets?phaseId=a%2Fb")));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> comparisonsCounted("tickets-list", "legacy", Verdict.MATCH) == matchesBefore + 1);
    }

    @Test
    void givesTheClientTheCoresStatusAndRecordsAMismatchAgainstTheLegacy() {
        answers(core, "/api/tickets/t-mismatch", 404, "{\"status\":404,\"message\":\"no ticket\"}");
        answers(legacy, "/api/tickets/t-mismatch", 200, TICKET);
        String requestId = newRequestId();

        client.get().uri("/api/tickets/t-mismatch").header("X-Request-Id", requestId).exchange()
                .expectStatus().isNotFound()
                .expectBody().json("{\"status\":404,\"message\":\"no ticket\"}");

        Comparison comparison = comparisonOf(requestId);
        assertThat(comparison.verdict()).isEqualTo(Verdict.MISMATCH);
        assertThat(comparison.primary()).isEqualTo(Backend.CORE);
        assertThat(comparison.legacyStatus()).isEqualTo(200);
        assertThat(comparison.coreStatus()).isEqualTo(404);
        assertThat(comparison.differences()).contains(new Difference("status", "200", "404"),
                new Difference("$.title", "\"Fix\"", null), new Difference("$.message", null, "\"no ticket\""));
        assertThat(comparison.legacyBody()).isEqualTo(TICKET);
        assertThat(comparison.coreBody()).isEqualTo("{\"status\":404,\"message\":\"no ticket\"}");
    }

    @Test
    void neverSendsAWriteToTheLegacy() {
        core.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"id\":\"w1\"}")));
        legacy.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"id\":\"w1\"}")));

        client.post().uri("/api/projects/p-writes/tickets").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"title\":\"T\"}").exchange().expectStatus().isOk();
        client.patch().uri("/api/tickets/w1").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"title\":\"U\"}").exchange().expectStatus().isOk();
        client.delete().uri("/api/tickets/w1").exchange().expectStatus().isOk();
        String readAfter = newRequestId();
        client.get().uri("/api/tickets/w1").header("X-Request-Id", readAfter).exchange().expectStatus().isOk();

        assertThat(comparisonOf(readAfter).verdict()).as("the read after the writes is shadowed").isEqualTo(Verdict.MATCH);
        assertThat(legacy.findAll(anyRequestedFor(urlPathMatching(WRITES_AND_READ)))).singleElement()
                .satisfies(request -> assertThat(request.getMethod().getName()).isEqualTo("GET"));
        assertThat(core.findAll(anyRequestedFor(urlPathMatching(WRITES_AND_READ)))).hasSize(4)
                .allSatisfy(request -> assertThat(request.getHeader("X-Ficus-Dry-Run")).isNull());
        assertThat(jdbc.queryForObject("select count(*) from comparison where path in (?, ?)", Integer.class,
                "/api/projects/p-writes/tickets", "/api/tickets/w1")).isEqualTo(1);
    }

    @Test
    void aSlowLegacyNeverDelaysTheClientAndIsRecordedAsAnError() {
        // the first requests of a fresh application load classes and compile for seconds on a busy machine: time a warm one
        answers(core, "/api/tickets/t-warm", 200, TICKET);
        answers(legacy, "/api/tickets/t-warm", 200, TICKET);
        String warmUp = newRequestId();
        client.get().uri("/api/tickets/t-warm").header("X-Request-Id", warmUp).exchange().expectStatus().isOk();
        comparisonOf(warmUp);
        answers(core, "/api/tickets/t-slow", 200, TICKET);
        legacy.stubFor(get("/api/tickets/t-slow").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(TICKET).withFixedDelay(3_000)));
        String requestId = newRequestId();

        long start = System.nanoTime();
        client.get().uri("/api/tickets/t-slow").header("X-Request-Id", requestId).exchange()
                .expectStatus().isOk().expectBody().json(TICKET);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1_500));

        Comparison comparison = comparisonOf(requestId);
        assertThat(comparison.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(comparison.primary()).isEqualTo(Backend.CORE);
        assertThat(comparison.detail()).startsWith("the legacy failed: ");
        assertThat(comparison.coreStatus()).isEqualTo(200);
        assertThat(comparison.legacyStatus()).isNull();
    }

    @Test
    void aLegacyServerErrorIsRecordedAsAnErrorAndTheClientGetsTheCoresAnswer() {
        answers(core, "/api/tickets/t-500", 200, TICKET);
        answers(legacy, "/api/tickets/t-500", 500, "{\"error\":\"boom\"}");
        String requestId = newRequestId();

        client.get().uri("/api/tickets/t-500").header("X-Request-Id", requestId).exchange()
                .expectStatus().isOk().expectBody().json(TICKET);

        Comparison comparison = comparisonOf(requestId);
        assertThat(comparison.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(comparison.detail()).isEqualTo("the legacy answered with a server error");
        assertThat(comparison.legacyStatus()).isEqualTo(500);
    }

    @Test
    void aLegacyThatResetsTheConnectionIsRecordedAsAnErrorAndTheClientGetsTheCoresAnswer() {
        answers(core, "/api/tickets/t-reset", 200, TICKET);
        legacy.stubFor(get("/api/tickets/t-reset").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        String requestId = newRequestId();

        client.get().uri("/api/tickets/t-reset").header("X-Request-Id", requestId).exchange()
                .expectStatus().isOk().expectBody().json(TICKET);

        Comparison comparison = comparisonOf(requestId);
        assertThat(comparison.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(comparison.detail()).startsWith("the legacy failed: ");
    }

    @Test
    void newModeWithoutShadowedReadsNeverCallsTheLegacy() {
        toggles.changeGroup("tickets", new Toggle(Mode.NEW, 0), "test", "stop shadowing the legacy");
        answers(core, "/api/tickets/t-plain", 200, TICKET);
        answers(core, "/api/tickets/t-marker", 200, TICKET);
        answers(legacy, "/api/tickets/t-plain", 200, TICKET);
        answers(legacy, "/api/tickets/t-marker", 200, TICKET);
        String plain = newRequestId();

        client.get().uri("/api/tickets/t-plain").header("X-Request-Id", plain).exchange()
                .expectStatus().isOk().expectHeader().valueEquals("X-Ficus-Backend", "core");
        toggles.changeGroup("tickets", new Toggle(Mode.NEW, 0, true), "test", "shadow again, for a marker read");
        String marker = newRequestId();
        client.get().uri("/api/tickets/t-marker").header("X-Request-Id", marker).exchange().expectStatus().isOk();

        assertThat(comparisonOf(marker).verdict()).isEqualTo(Verdict.MATCH);
        legacy.verify(0, anyRequestedFor(urlPathMatching("/api/tickets/t-plain")));
        assertThat(jdbc.queryForObject("select count(*) from comparison where request_id = ?", Integer.class, plain))
                .isZero();
    }

    @Test
    void leavesOtherGroupsAndModesAsTheyWere() {
        answers(core, "/api/projects/p-other/phases", 200, "[]");
        answers(legacy, "/api/projects/p-other/phases", 200, "[]");

        client.get().uri("/api/projects/p-other/phases").exchange()
                .expectStatus().isOk().expectHeader().valueEquals("X-Ficus-Backend", "legacy");

        assertThat(core.findAll(anyRequestedFor(urlPathMatching("/api/projects/p-other/phases")))).isEmpty();
        assertThat(toggles.snapshot().of("phases-list")).isEqualTo(Toggle.LEGACY);
    }
}
