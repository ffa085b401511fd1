package io.ficus.gateway.compare;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.http.Fault;
import io.ficus.gateway.GatewayIntegrationTest;
import io.ficus.gateway.catalog.Mode;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

class ShadowComparisonTest extends GatewayIntegrationTest {

    private static final String TICKET = "{\"id\":\"t1\",\"title\":\"Fix\",\"assigneeIds\":[\"a\",\"b\"],\"createdAt\":\"2024-01-01T10:00:00\"}";

    @Autowired
    private ComparisonStore comparisons;

    private long lastBefore;

    @BeforeEach
    void shadowTickets() {
        setGroup("tickets", Mode.SHADOW, 0);
        lastBefore = jdbc.queryForObject("select coalesce(max(id), 0) from comparison", Long.class);
    }

    private Comparison nextComparison() {
        return await().atMost(Duration.ofSeconds(30)).until(() -> {
            List<ComparisonSummary> newer = comparisons.list(null, null, null, 1);
            return newer.isEmpty() || newer.get(0).id() <= lastBefore ? null : comparisons.find(newer.get(0).id()).orElseThrow();
        }, c -> c != null);
    }

    private void legacyAnswers(String body) {
        legacy.stubFor(get("/api/tickets/t1").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(body)));
    }

    @Test
    void recordsMatchWhenBothAnswersAreTheSame() {
        legacyAnswers(TICKET);
        core.stubFor(get("/api/tickets/t1").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json;charset=UTF-8")
                .withBody("{\"title\":\"Fix\",\"id\":\"t1\",\"assigneeIds\":[\"a\",\"b\"],\"createdAt\":\"2024-01-01T10:00:00\"}")));

        client.get().uri("/api/tickets/t1").exchange().expectStatus().isOk().expectBody().json(TICKET);

        Comparison comparison = nextComparison();
        assertThat(comparison.verdict()).isEqualTo(Verdict.MATCH);
        assertThat(comparison.routeId()).isEqualTo("tickets-get");
        assertThat(comparison.legacyStatus()).isEqualTo(200);
        assertThat(comparison.coreStatus()).isEqualTo(200);
        core.verify(getRequestedFor(urlEqualTo("/api/tickets/t1")).withHeader("X-Ficus-Dry-Run", absent()));
    }

    @Test
    void recordsAReadableMismatchWhenTheCoreDiffers() {
        legacyAnswers(TICKET);
        core.stubFor(get("/api/tickets/t1").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"id\":\"t1\",\"title\":\"Fixed\",\"assigneeIds\":[\"a\"],\"createdAt\":\"2024-01-01T10:00:00\"}")));

        client.get().uri("/api/tickets/t1").exchange().expectStatus().isOk();

        Comparison comparison = nextComparison();
        assertThat(comparison.verdict()).isEqualTo(Verdict.MISMATCH);
        assertThat(comparison.differences()).containsExactlyInAnyOrder(
                new Difference("$.title", "\"Fix\"", "\"Fixed\""),
                new Difference("$.assigneeIds[1]", "\"b\"", null));
    }

    @Test
    void sendsShadowedWritesAsADryRunAndIgnoresGeneratedFields() {
        legacy.stubFor(post("/api/projects/p1/tickets").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"id\":\"legacy-id\",\"title\":\"T\",\"createdAt\":\"2024-01-01T10:00:00\"}")));
        core.stubFor(post("/api/projects/p1/tickets").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"id\":\"core-id\",\"title\":\"T\",\"createdAt\":\"2024-01-01T10:00:01\"}")));

        client.post().uri("/api/projects/p1/tickets").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"title\":\"T\"}").exchange()
                .expectStatus().isCreated().expectBody().jsonPath("$.id").isEqualTo("legacy-id");

        assertThat(nextComparison().verdict()).isEqualTo(Verdict.MATCH);
        core.verify(postRequestedFor(urlEqualTo("/api/projects/p1/tickets"))
                .withHeader("X-Ficus-Dry-Run", equalTo("true"))
                .withRequestBody(equalTo("{\"title\":\"T\"}")));
    }

    @Test
    void recordsErrorWhenTheCoreFails() {
        legacyAnswers(TICKET);
        core.stubFor(get("/api/tickets/t1").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        client.get().uri("/api/tickets/t1").exchange().expectStatus().isOk().expectBody().json(TICKET);

        Comparison comparison = nextComparison();
        assertThat(comparison.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(comparison.detail()).contains("new core failed");
    }

    @Test
    void recordsErrorWhenOnlyTheCoreAnswersWithAServerError() {
        legacyAnswers(TICKET);
        core.stubFor(get("/api/tickets/t1").willReturn(aResponse().withStatus(500).withBody("{}")));

        client.get().uri("/api/tickets/t1").exchange().expectStatus().isOk();

        assertThat(nextComparison().verdict()).isEqualTo(Verdict.ERROR);
    }

    @Test
    void recordsMismatchWhenTheCoreAnswersMalformedJson() {
        legacyAnswers(TICKET);
        core.stubFor(get("/api/tickets/t1").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"id\":")));

        client.get().uri("/api/tickets/t1").exchange().expectStatus().isOk();

        Comparison comparison = nextComparison();
        assertThat(comparison.verdict()).isEqualTo(Verdict.MISMATCH);
        assertThat(comparison.differences()).singleElement()
                .satisfies(d -> assertThat(d.core()).startsWith("(not JSON)"));
    }

    @Test
    void skipsTheComparisonOfABodyOverTheCaptureLimitButStreamsItToTheClient() {
        byte[] huge = new byte[2 * 1024 * 1024];
        Arrays.fill(huge, (byte) 'a');
        legacy.stubFor(get("/api/tickets/t1").willReturn(aResponse().withStatus(200).withBody(huge)));

        byte[] received = client.get().uri("/api/tickets/t1").exchange()
                .expectStatus().isOk().expectBody(byte[].class).returnResult().getResponseBody();

        assertThat(received).hasSize(huge.length);
        assertThat(nextComparison().verdict()).isEqualTo(Verdict.SKIPPED);
        assertThat(core.getAllServeEvents()).isEmpty();
    }

    @Test
    void aSlowCoreNeverDelaysTheClient() {
        legacyAnswers(TICKET);
        core.stubFor(get("/api/tickets/t1").willReturn(aResponse().withStatus(200).withBody(TICKET).withFixedDelay(3_000)));

        long start = System.nanoTime();
        client.get().uri("/api/tickets/t1").exchange().expectStatus().isOk();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1_500));

        Comparison comparison = nextComparison();
        assertThat(comparison.verdict()).isEqualTo(Verdict.ERROR);
    }

    @Test
    void storesRequestsWithCredentialsCookiesAndSecretFieldsRedacted() {
        legacy.stubFor(post("/api/projects/p1/tickets").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("{\"title\":\"T\",\"token\":\"secret-token\"}")));
        core.stubFor(post("/api/projects/p1/tickets").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("{\"title\":\"T\",\"token\":\"other-token\"}")));

        client.post().uri("/api/projects/p1/tickets")
                .header("Authorization", "Bearer very-secret")
                .header("Cookie", "session=abc")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"title\":\"T\",\"nested\":{\"password\":\"hunter2\"}}")
                .exchange().expectStatus().isCreated();

        Comparison comparison = nextComparison();
        assertThat(comparison.requestHeaders()).containsEntry("Authorization", "***").containsEntry("Cookie", "***");
        assertThat(comparison.requestBody()).contains("\"password\":\"***\"").doesNotContain("hunter2");
        assertThat(comparison.legacyBody()).doesNotContain("secret-token");
        assertThat(comparison.coreBody()).doesNotContain("other-token");
    }

    @Test
    void comparesTheLegacyShareOfACanary() {
        String session = "{\"token\":\"t\",\"expiresIn\":3600}";
        legacy.stubFor(post("/api/login").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(session)));
        core.stubFor(post("/api/login").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(session)));
        setGroup("sessions", Mode.CANARY, 0);

        client.post().uri("/api/login").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"email\":\"a@b.c\"}")
                .exchange().expectStatus().isOk().expectHeader().valueEquals("X-Ficus-Backend", "legacy");

        assertThat(nextComparison().verdict()).isEqualTo(Verdict.MATCH);
    }
}
