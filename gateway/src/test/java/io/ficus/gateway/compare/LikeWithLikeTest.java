package io.ficus.gateway.compare;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.ficus.gateway.catalog.Backend;
import io.ficus.gateway.catalog.CatalogRoute;
import io.ficus.gateway.catalog.Mode;
import io.ficus.gateway.catalog.RouteCatalog;
import io.ficus.gateway.catalog.RouteSpec;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

/**
 * Comparisons free of sync noise: a SHADOW write is dry-run on the core only once the core caught up, and before the
 * legacy takes it; a differing read counts as MISMATCH only when the legacy's answer did not move meanwhile.
 */
class LikeWithLikeTest {

    private static final String FENCE = ShadowBackends.FENCE;

    private final RouteCatalog catalog = new RouteCatalog(List.of(
            new RouteSpec("r", List.of("GET"), "/api/r", "g", Mode.SHADOW, 0, false, null, List.of(), false),
            new RouteSpec("w", List.of("POST"), "/api/w", "g", Mode.SHADOW, 0, false, null, List.of(), false)));
    private ShadowBackends backends;
    private WireMockServer legacy;
    private WireMockServer core;
    private WireMockServer adapter;
    private List<Comparison> saved;
    private SimpleMeterRegistry meters;
    private ShadowDispatcher dispatcher;

    @BeforeEach
    void start() {
        backends = new ShadowBackends();
        legacy = backends.legacy;
        core = backends.core;
        adapter = backends.adapter;
        saved = backends.saved;
        meters = backends.meters;
        dispatcher = backends.dispatcher(Duration.ofSeconds(10), Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() throws Exception {
        backends.close();
    }

    private static HttpHeaders json() {
        HttpHeaders headers = new HttpHeaders();
        headers.set("Content-Type", "application/json");
        return headers;
    }

    private static Answer answer(int status, String body) {
        return new Answer(status, json(), body.getBytes(StandardCharsets.UTF_8), false, 3);
    }

    private ShadowExchange write() {
        CatalogRoute route = catalog.route("w").orElseThrow();
        return new ShadowExchange(route, "req", HttpMethod.POST, "/api/w", json(),
                "{\"name\":\"x\"}".getBytes(StandardCharsets.UTF_8), false, Backend.LEGACY, null, null);
    }

    private ShadowExchange read(String legacyAnswer) {
        return new ShadowExchange(catalog.route("r").orElseThrow(), "req", HttpMethod.GET, "/api/r", new HttpHeaders(),
                new byte[0], false, Backend.LEGACY, answer(200, legacyAnswer), null);
    }

    private void fenceAnswers(int status, int delayMillis) {
        adapter.stubFor(post(FENCE).willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{}").withFixedDelay(delayMillis)));
    }

    private static long at(LoggedRequest request) {
        return request.getLoggedDate().getTime();
    }

    @Test
    void aShadowWriteIsDryRunOnTheCoreAfterTheSyncFenceAndBeforeTheLegacyTakesItThenComparedWithTheLegacysAnswer() {
        fenceAnswers(200, 150);
        core.stubFor(post("/api/w").willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withBody("{\"name\":\"x\"}")));
        dispatcher.legacyWriteAnswered();

        PreRun pre = dispatcher.preRun(write()).block(Duration.ofSeconds(10));

        assertThat(pre.answer()).as(String.valueOf(pre)).isNotNull();
        assertThat(pre.answer().status()).isEqualTo(201);
        LoggedRequest fence = adapter.findAll(postRequestedFor(urlEqualTo(FENCE))).get(0);
        LoggedRequest dryRun = core.findAll(postRequestedFor(urlEqualTo("/api/w"))).get(0);
        assertThat(at(dryRun)).as("the dry run follows the fence").isGreaterThanOrEqualTo(at(fence));
        assertThat(dryRun.getHeader(ShadowDispatcher.DRY_RUN)).isEqualTo("true");
        assertThat(dryRun.getBodyAsString()).isEqualTo("{\"name\":\"x\"}");

        dispatcher.submit(write().withPreRun(pre).answered(answer(201, "{\"name\":\"x\"}"), null,
                "{\"name\":\"x\"}".getBytes(StandardCharsets.UTF_8), false));
        await().atMost(Duration.ofSeconds(10)).until(() -> saved.size() == 1);
        assertThat(saved.get(0).verdict()).isEqualTo(Verdict.MATCH);
        core.verify(1, postRequestedFor(urlEqualTo("/api/w")));
    }

    @Test
    void aDryRunThatAnswersDifferentlyFromTheLegacyIsAMismatchOnItsField() {
        fenceAnswers(200, 0);
        core.stubFor(post("/api/w").willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withBody("{\"name\":\"y\"}")));

        PreRun pre = dispatcher.preRun(write()).block(Duration.ofSeconds(10));
        dispatcher.submit(write().withPreRun(pre).answered(answer(201, "{\"name\":\"x\"}"), null, new byte[0], false));

        await().atMost(Duration.ofSeconds(10)).until(() -> saved.size() == 1);
        assertThat(saved.get(0).verdict()).isEqualTo(Verdict.MISMATCH);
        assertThat(saved.get(0).differences()).extracting(Difference::path).containsExactly("$.name");
    }

    @Test
    void aCoreThatDoesNotCatchUpWithinTheHoldLetsTheWriteGoOnLaggedAndTheNextWritesAreNotHeldUntilItDoes() {
        fenceAnswers(504, 0);
        dispatcher.legacyWriteAnswered();

        PreRun first = dispatcher.preRun(write()).block(Duration.ofSeconds(10));
        long started = System.nanoTime();
        PreRun second = dispatcher.preRun(write()).block(Duration.ofSeconds(10));

        assertThat(first.notCompared()).isEqualTo(Verdict.LAGGED);
        assertThat(second.notCompared()).isEqualTo(Verdict.LAGGED);
        assertThat(second.detail()).as("not held again").contains("writes are not held until the sync catches up");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        core.verify(0, postRequestedFor(urlEqualTo("/api/w")));

        // once a fence passes again, writes are held and compared again
        adapter.resetAll();
        fenceAnswers(200, 0);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            core.stubFor(post("/api/w").willReturn(aResponse().withStatus(201)));
            PreRun again = dispatcher.preRun(write()).block(Duration.ofSeconds(10));
            assertThat(again.answer()).isNotNull();
        });
    }

    @Test
    void aReadThatDiffersWhileTheLegacysAnswerStaysTheSameIsAMismatch() {
        fenceAnswers(200, 0);
        core.stubFor(get("/api/r").willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"title\":\"changed in the core\"}")));
        legacy.stubFor(get("/api/r").willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"title\":\"same\"}")));

        dispatcher.submit(read("{\"title\":\"same\"}"));

        await().atMost(Duration.ofSeconds(10)).until(() -> saved.size() == 1);
        assertThat(saved.get(0).verdict()).isEqualTo(Verdict.MISMATCH);
        assertThat(saved.get(0).differences()).extracting(Difference::path).containsExactly("$.title");
        legacy.verify(1, getRequestedFor(urlEqualTo("/api/r")));
    }

    @Test
    void aReadThatDiffersBecauseALaterWriteMovedTheStateIsComparedAgainAtTheNewStateAndMatches() {
        fenceAnswers(200, 0);
        // the client saw v1; by the time the core is asked, a later write made it v2 in both systems
        core.stubFor(get("/api/r").willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"title\":\"v2\"}")));
        legacy.stubFor(get("/api/r").willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"title\":\"v2\"}")));

        dispatcher.submit(read("{\"title\":\"v1\"}"));

        await().atMost(Duration.ofSeconds(10)).until(() -> saved.size() == 1);
        Comparison comparison = saved.get(0);
        assertThat(comparison.verdict()).as(comparison.detail()).isEqualTo(Verdict.MATCH);
        assertThat(comparison.legacyBody()).contains("v2");
        core.verify(2, getRequestedFor(urlEqualTo("/api/r")));
    }

    @Test
    void aReadWhoseLegacyAnswerKeepsMovingIsLaggedNotAMismatch() {
        fenceAnswers(200, 0);
        core.stubFor(get("/api/r").willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"n\":0}")));
        for (int i = 1; i <= 6; i++) {
            legacy.stubFor(get("/api/r").inScenario("moving").whenScenarioStateIs(i == 1 ? STARTED : "s" + i)
                    .willSetStateTo("s" + (i + 1))
                    .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                            .withBody("{\"n\":" + i + "}")));
        }

        dispatcher.submit(read("{\"n\":-1}"));

        await().atMost(Duration.ofSeconds(10)).until(() -> saved.size() == 1);
        assertThat(saved.get(0).verdict()).isEqualTo(Verdict.LAGGED);
        assertThat(saved.get(0).detail()).contains("changed 3 times");
        assertThat(meters.counter("ficus.gateway.comparisons", "route", "r", "shadow", "core", "verdict", "MISMATCH")
                .count()).isZero();
    }
}
