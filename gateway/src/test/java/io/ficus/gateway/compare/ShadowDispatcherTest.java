package io.ficus.gateway.compare;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.ficus.gateway.GatewayProperties;
import io.ficus.gateway.LeakReports;
import io.ficus.gateway.catalog.Backend;
import io.ficus.gateway.catalog.Mode;
import io.ficus.gateway.catalog.RouteCatalog;
import io.ficus.gateway.catalog.RouteSpec;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.util.unit.DataSize;

class ShadowDispatcherTest {

    static {
        LeakReports.install();
    }

    private final WireMockServer legacy = new WireMockServer(options().dynamicPort());
    private final WireMockServer core = new WireMockServer(options().dynamicPort());
    private final List<Comparison> saved = new CopyOnWriteArrayList<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private ShadowDispatcher dispatcher;

    @BeforeEach
    void start() {
        legacy.start();
        core.start();
        dispatcher = dispatcher(DataSize.ofMegabytes(1));
    }

    private ShadowDispatcher dispatcher(DataSize queueMemory) {
        return dispatcher(queueMemory, 0);
    }

    private ShadowDispatcher dispatcher(DataSize queueMemory, int maxRate) {
        GatewayProperties properties = new GatewayProperties(URI.create(legacy.baseUrl()), URI.create(core.baseUrl()),
                Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1),
                false, "", new GatewayProperties.Shadow(DataSize.ofKilobytes(64), 1, 1, queueMemory, Duration.ofSeconds(5),
                Duration.ofDays(1), 100, List.of(), List.of("Content-Type"), maxRate), null, List.of());
        ComparisonStore store = new ComparisonStore(null, properties) {
            @Override
            public long save(Comparison comparison) {
                saved.add(comparison);
                return saved.size();
            }
        };
        return new ShadowDispatcher(properties, new GatewaySecret("s".repeat(GatewaySecret.MIN_LENGTH)), store, meters);
    }

    @AfterEach
    void stop() {
        dispatcher.destroy();
        legacy.stop();
        core.stop();
        assertThat(LeakReports.collect()).as("Netty buffer leaks").isEmpty();
    }

    private static ShadowExchange exchange() {
        return answeredBy(Backend.LEGACY, "{\"a\":1}");
    }

    /** A GET of route {@code r} that this backend answered with this JSON body, or failed to answer when it is null. */
    private static ShadowExchange answeredBy(Backend primary, String body) {
        RouteCatalog catalog = new RouteCatalog(List.of(
                new RouteSpec("r", List.of("GET"), "/api/r", "g", Mode.SHADOW, 0, false, null, List.of(), false)));
        HttpHeaders headers = new HttpHeaders();
        headers.set("Content-Type", "application/json");
        Answer answer = body == null ? null : new Answer(200, headers, body.getBytes(StandardCharsets.UTF_8), false, 3);
        HttpHeaders requestHeaders = new HttpHeaders();
        requestHeaders.set("X-Request-Id", "req");
        return new ShadowExchange(catalog.route("r").orElseThrow(), "req", HttpMethod.GET, "/api/r?q=1", requestHeaders,
                new byte[0], false, primary, answer, body == null ? "connection reset" : null);
    }

    private void backendAnswers(WireMockServer backend, String body, int delayMillis) {
        backend.stubFor(get("/api/r?q=1").willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(body).withFixedDelay(delayMillis)));
    }

    @Test
    void dropsAndCountsWhatExceedsTheConcurrencyAndTheQueue() {
        backendAnswers(core, "{\"a\":1}", 500);

        List<Boolean> accepted = java.util.stream.IntStream.range(0, 5).mapToObj(i -> dispatcher.submit(exchange())).toList();

        assertThat(accepted).containsExactly(true, true, false, false, false);
        assertThat(meters.counter("ficus.gateway.shadow.dropped", "route", "r", "shadow", "core").count()).isEqualTo(3);
        assertThat(meters.counter("ficus.gateway.comparisons", "route", "r", "shadow", "core", "verdict", "SKIPPED").count())
                .isEqualTo(3);
        await().atMost(Duration.ofSeconds(30)).until(() -> saved.size() == 2);
        assertThat(saved).extracting(Comparison::verdict).containsOnly(Verdict.MATCH);
        await().atMost(Duration.ofSeconds(30)).until(() -> dispatcher.submit(exchange()));
    }

    @Test
    void dropsWhatWouldHoldMoreBodyBytesThanTheQueueMemory() {
        backendAnswers(core, "{\"a\":1}", 500);
        dispatcher.destroy();
        dispatcher = dispatcher(DataSize.ofBytes(10));

        assertThat(dispatcher.submit(exchange())).as("runs at once, holds no queue memory").isTrue();
        assertThat(dispatcher.submit(exchange())).as("waits with a 7-byte body").isTrue();
        assertThat(dispatcher.submit(exchange())).as("would hold 14 bytes").isFalse();
        assertThat(meters.counter("ficus.gateway.shadow.dropped", "route", "r", "shadow", "core").count()).isEqualTo(1);
    }

    @Test
    void shadowsTheLegacyWhenTheCoreAnsweredAndKeepsEachAnswerInItsPlace() {
        backendAnswers(legacy, "{\"a\":1}", 0);

        assertThat(dispatcher.submit(answeredBy(Backend.CORE, "{\"a\":2}"))).isTrue();

        await().atMost(Duration.ofSeconds(30)).until(() -> saved.size() == 1);
        Comparison comparison = saved.get(0);
        assertThat(comparison.primary()).isEqualTo(Backend.CORE);
        assertThat(comparison.verdict()).isEqualTo(Verdict.MISMATCH);
        assertThat(comparison.differences()).containsExactly(new Difference("$.a", "1", "2"));
        assertThat(comparison.legacyBody()).isEqualTo("{\"a\":1}");
        assertThat(comparison.coreBody()).isEqualTo("{\"a\":2}");
        assertThat(comparison.coreMillis()).isEqualTo(3);
        legacy.verify(1, getRequestedFor(urlEqualTo("/api/r?q=1"))
                .withHeader("X-Request-Id", equalTo("req"))
                .withHeader(ShadowDispatcher.DRY_RUN, absent()));
        assertThat(core.getAllServeEvents()).isEmpty();
        assertThat(meters.counter("ficus.gateway.comparisons", "route", "r", "shadow", "legacy", "verdict", "MISMATCH").count())
                .isEqualTo(1);
        assertThat(meters.find("ficus.gateway.comparisons").tag("shadow", "core").counters()).isEmpty();
    }

    @Test
    void recordsTheCoresFailureAsAnErrorWithoutCallingTheLegacy() {
        backendAnswers(legacy, "{\"a\":1}", 0);

        dispatcher.submit(answeredBy(Backend.CORE, null));

        await().atMost(Duration.ofSeconds(30)).until(() -> saved.size() == 1);
        assertThat(saved.get(0).verdict()).isEqualTo(Verdict.ERROR);
        assertThat(saved.get(0).detail()).isEqualTo("the new core failed: connection reset");
        assertThat(saved.get(0).primary()).isEqualTo(Backend.CORE);
        assertThat(legacy.getAllServeEvents()).isEmpty();
    }

    @Test
    void neverSendsAWriteToTheLegacyEvenWhenHandedOne() {
        legacy.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)));
        ShadowExchange read = answeredBy(Backend.CORE, "{\"a\":1}");
        ShadowExchange write = new ShadowExchange(read.route(), "req", HttpMethod.POST, "/api/r", read.requestHeaders(),
                "{}".getBytes(StandardCharsets.UTF_8), false, Backend.CORE, read.answer(), null);

        dispatcher.submit(write);

        await().atMost(Duration.ofSeconds(30)).until(() -> saved.size() == 1);
        assertThat(saved.get(0).verdict()).isEqualTo(Verdict.SKIPPED);
        assertThat(saved.get(0).detail()).isEqualTo("a write is never sent to the legacy");
        assertThat(legacy.getAllServeEvents()).isEmpty();
    }

    @Test
    void countsDroppedLegacyShadowsApartFromCoreShadows() {
        backendAnswers(legacy, "{\"a\":1}", 500);

        List<Boolean> accepted = java.util.stream.IntStream.range(0, 3)
                .mapToObj(i -> dispatcher.submit(answeredBy(Backend.CORE, "{\"a\":1}"))).toList();

        assertThat(accepted).containsExactly(true, true, false);
        assertThat(meters.counter("ficus.gateway.shadow.dropped", "route", "r", "shadow", "legacy").count()).isEqualTo(1);
        assertThat(meters.find("ficus.gateway.shadow.dropped").tag("shadow", "core").counters()).isEmpty();
        await().atMost(Duration.ofSeconds(30)).until(() -> saved.size() == 2);
        assertThat(saved).extracting(Comparison::verdict).containsOnly(Verdict.MATCH);
    }

    @Test
    void shedsReadsBeyondTheRoutesRateBeforeAnythingIsCapturedAndCountsThemAsSkipped() {
        dispatcher.destroy();
        dispatcher = dispatcher(DataSize.ofMegabytes(1), 5);
        ShadowExchange read = exchange();

        long admitted = java.util.stream.IntStream.range(0, 50)
                .filter(i -> dispatcher.admit(read.route(), HttpMethod.GET, Backend.LEGACY)).count();

        assertThat(admitted).as("5 a second, at most two periods' worth within the test").isBetween(1L, 10L);
        assertThat(meters.counter("ficus.gateway.shadow.shed", "route", "r", "shadow", "core", "reason", "rate").count())
                .isEqualTo(50 - admitted);
        assertThat(meters.counter("ficus.gateway.comparisons", "route", "r", "shadow", "core", "verdict", "SKIPPED").count())
                .isEqualTo(50 - admitted);
        assertThat(saved).isEmpty();
    }

    @Test
    void shedsAtAdmissionWhileTheQueueIsFullAndAdmitsAgainOnceItDrained() {
        backendAnswers(core, "{\"a\":1}", 500);
        ShadowExchange read = exchange();
        assertThat(dispatcher.submit(read)).as("takes the one call slot").isTrue();
        assertThat(dispatcher.submit(read)).as("waits in the one queue place").isTrue();

        assertThat(dispatcher.admit(read.route(), HttpMethod.GET, Backend.LEGACY)).isFalse();

        assertThat(meters.counter("ficus.gateway.shadow.shed", "route", "r", "shadow", "core", "reason", "queue").count())
                .isEqualTo(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> saved.size() == 2);
        await().atMost(Duration.ofSeconds(30)).until(() -> dispatcher.admit(read.route(), HttpMethod.GET, Backend.LEGACY));
    }
}
