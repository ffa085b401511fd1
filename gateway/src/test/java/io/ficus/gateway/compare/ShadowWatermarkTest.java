package io.ficus.gateway.compare;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.ficus.gateway.catalog.Backend;
import io.ficus.gateway.catalog.Mode;
import io.ficus.gateway.catalog.RouteCatalog;
import io.ficus.gateway.catalog.RouteSpec;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

/** Shadow calls wait for the sync watermark (legacy-adapter's fence), bounded, and say LAGGED when it is not reached. */
class ShadowWatermarkTest {

    private static final String FENCE = ShadowBackends.FENCE;

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
        dispatcher = dispatcher(Duration.ofSeconds(3));
        core.stubFor(get("/api/r").willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"a\":1}")));
    }

    private ShadowDispatcher dispatcher(Duration bound) {
        return backends.dispatcher(bound, Duration.ZERO);
    }

    @AfterEach
    void stop() throws Exception {
        backends.close();
    }

    private static ShadowExchange read(Backend primary) {
        RouteCatalog catalog = new RouteCatalog(List.of(
                new RouteSpec("r", List.of("GET"), "/api/r", "g", Mode.SHADOW, 0, false, null, List.of(), false)));
        HttpHeaders headers = new HttpHeaders();
        headers.set("Content-Type", "application/json");
        Answer answer = new Answer(200, headers, "{\"a\":1}".getBytes(StandardCharsets.UTF_8), false, 3);
        return new ShadowExchange(catalog.route("r").orElseThrow(), "req", HttpMethod.GET, "/api/r", new HttpHeaders(),
                new byte[0], false, primary, answer, null);
    }

    private void fenceAnswers(int status, int delayMillis) {
        adapter.stubFor(post(FENCE).willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"waitedMillis\":" + delayMillis + "}").withFixedDelay(delayMillis)));
    }

    private Timer waits(String shadow, String outcome) {
        return meters.find("ficus.gateway.shadow.wait").tag("shadow", shadow).tag("outcome", outcome).timer();
    }

    @Test
    void aShadowReadOfTheCoreWaitsUntilTheCoreAppliedWhatTheLegacyHadCommittedThenCompares() {
        fenceAnswers(200, 300);

        assertThat(dispatcher.submit(read(Backend.LEGACY))).isTrue();

        await().atMost(Duration.ofSeconds(30)).until(() -> saved.size() == 1);
        assertThat(saved.get(0).verdict()).isEqualTo(Verdict.MATCH);
        adapter.verify(1, postRequestedFor(urlEqualTo(FENCE))
                .withRequestBody(equalToJson("{\"direction\":\"LEGACY_TO_CORE\",\"timeout\":\"PT3S\"}"))
                .withHeader("Authorization", equalTo("Basic b3A6b3Atc2VjcmV0")));
        assertThat(waits("core", "reached").count()).isEqualTo(1);
        assertThat(waits("core", "reached").totalTime(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(250);
    }

    @Test
    void aShadowReadOfTheLegacyWaitsForTheSyncTowardsTheLegacy() {
        fenceAnswers(200, 0);
        legacy.stubFor(get("/api/r").willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"a\":1}")));

        dispatcher.submit(read(Backend.CORE));

        await().atMost(Duration.ofSeconds(30)).until(() -> saved.size() == 1);
        assertThat(saved.get(0).verdict()).isEqualTo(Verdict.MATCH);
        adapter.verify(1, postRequestedFor(urlEqualTo(FENCE))
                .withRequestBody(equalToJson("{\"direction\":\"CORE_TO_LEGACY\",\"timeout\":\"PT3S\"}")));
    }

    @Test
    void aFenceThatIsNotReachedMakesTheComparisonLaggedWithoutCallingTheCore() {
        fenceAnswers(504, 0);

        dispatcher.submit(read(Backend.LEGACY));

        await().atMost(Duration.ofSeconds(30)).until(() -> saved.size() == 1);
        assertThat(saved.get(0).verdict()).isEqualTo(Verdict.LAGGED);
        assertThat(saved.get(0).detail()).contains("sync lagged");
        assertThat(saved.get(0).differences()).isEmpty();
        core.verify(0, getRequestedFor(urlEqualTo("/api/r")));
        assertThat(meters.counter("ficus.gateway.comparisons", "route", "r", "shadow", "core", "verdict", "LAGGED").count())
                .isEqualTo(1);
        assertThat(waits("core", "lagged").count()).isEqualTo(1);
    }

    @Test
    void aFenceSlowerThanTheBoundMakesTheComparisonLagged() throws Exception {
        dispatcher = dispatcher(Duration.ofMillis(300));
        fenceAnswers(200, 3000);

        dispatcher.submit(read(Backend.LEGACY));

        await().atMost(Duration.ofSeconds(30)).until(() -> saved.size() == 1);
        assertThat(saved.get(0).verdict()).isEqualTo(Verdict.LAGGED);
        core.verify(0, getRequestedFor(urlEqualTo("/api/r")));
    }

    @Test
    void readsAnsweredWhileAFenceRunsShareTheNextFenceSoFencesDoNotGrowWithTraffic() {
        fenceAnswers(200, 400);

        for (int i = 0; i < 20; i++) {
            assertThat(dispatcher.submit(read(Backend.LEGACY))).isTrue();
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> saved.size() == 20);
        assertThat(saved).extracting(Comparison::verdict).containsOnly(Verdict.MATCH);
        assertThat(adapter.countRequestsMatching(postRequestedFor(urlEqualTo(FENCE)).build()).getCount())
                .isBetween(1, 2);
    }
}
