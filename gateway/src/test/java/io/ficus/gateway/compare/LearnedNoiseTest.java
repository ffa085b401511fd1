package io.ficus.gateway.compare;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.ficus.gateway.GatewayProperties;
import io.ficus.gateway.LeakReports;
import io.ficus.gateway.catalog.Backend;
import io.ficus.gateway.catalog.Mode;
import io.ficus.gateway.catalog.RouteCatalog;
import io.ficus.gateway.catalog.RouteSpec;
import io.ficus.gateway.evidence.EvidenceProperties;
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

/** Paths where two answers of the legacy to one request differ are learned as noise, the second time they are seen. */
class LearnedNoiseTest {

    static {
        LeakReports.install();
    }

    private final WireMockServer legacy = new WireMockServer(options().dynamicPort());
    private final WireMockServer core = new WireMockServer(options().dynamicPort());
    private final List<String> learned = new CopyOnWriteArrayList<>();
    private final List<Comparison> saved = new CopyOnWriteArrayList<>();
    private ShadowDispatcher dispatcher;

    @BeforeEach
    void start() {
        legacy.start();
        core.start();
        GatewayProperties properties = new GatewayProperties(URI.create(legacy.baseUrl()), URI.create(core.baseUrl()),
                Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1), false, "",
                new GatewayProperties.Shadow(DataSize.ofKilobytes(64), 1, 16, DataSize.ofMegabytes(1), Duration.ofSeconds(5),
                        Duration.ofDays(1), 100, List.of(), List.of("Content-Type")), null, List.of());
        EvidenceProperties evidence = new EvidenceProperties(Duration.ofSeconds(1), null, Duration.ofMillis(100),
                Duration.ofSeconds(1), 500, 50, 1, Duration.ofSeconds(1), 10, 1,
                new EvidenceProperties.DefaultPolicy(Duration.ofMinutes(15), 50, 0.01, 0.01, 2.0, true));
        IgnoreRules rules = new IgnoreRules(null, properties) {
            @Override
            public List<String> of(String routeId) {
                return List.copyOf(learned);
            }

            @Override
            void learn(String routeId, List<Difference> differences) {
                differences.forEach(d -> learned.add(d.path()));
            }
        };
        ComparisonStore store = new ComparisonStore(null, properties) {
            @Override
            public long save(Comparison comparison) {
                saved.add(comparison);
                return saved.size();
            }
        };
        dispatcher = new ShadowDispatcher(properties, new GatewaySecret("s".repeat(GatewaySecret.MIN_LENGTH)), store,
                new SimpleMeterRegistry(), new SyncWatermark(properties, evidence), null, evidence, rules);
        core.stubFor(get("/api/r").willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"a\":1,\"at\":\"core\"}")));
        // the legacy's clock field changes from one answer to the next
        for (int i = 0; i < 10; i++) {
            legacy.stubFor(get("/api/r").inScenario("clock").whenScenarioStateIs(i == 0 ? Scenario.STARTED : "s" + i)
                    .willSetStateTo("s" + (i + 1))
                    .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                            .withBody("{\"a\":1,\"at\":\"t" + i + "\"}")));
        }
    }

    @AfterEach
    void stop() {
        dispatcher.destroy();
        legacy.stop();
        core.stop();
        assertThat(LeakReports.collect()).as("Netty buffer leaks").isEmpty();
    }

    private static ShadowExchange read() {
        RouteCatalog catalog = new RouteCatalog(List.of(
                new RouteSpec("r", List.of("GET"), "/api/r", "g", Mode.SHADOW, 0, false, null, List.of(), false)));
        HttpHeaders headers = new HttpHeaders();
        headers.set("Content-Type", "application/json");
        Answer answer = new Answer(200, headers, "{\"a\":1,\"at\":\"first\"}".getBytes(StandardCharsets.UTF_8), false, 3);
        return new ShadowExchange(catalog.route("r").orElseThrow(), "req", HttpMethod.GET, "/api/r", new HttpHeaders(),
                new byte[0], false, Backend.LEGACY, answer, null);
    }

    @Test
    void aPathWhereTheLegacysOwnAnswersDifferIsLearnedAsNoiseAndThenDiscounted() {
        dispatcher.submit(read());
        await().atMost(Duration.ofSeconds(30)).until(() -> saved.size() == 1);
        assertThat(saved.get(0).verdict()).isEqualTo(Verdict.MISMATCH);
        await().atMost(Duration.ofSeconds(30)).until(() -> legacy.getAllServeEvents().size() == 2);
        assertThat(learned).as("seen once: not learned yet").isEmpty();

        dispatcher.submit(read());
        await().atMost(Duration.ofSeconds(30)).until(() -> learned.contains("$.at"));
        assertThat(learned).containsOnly("$.at");

        dispatcher.submit(read());
        await().atMost(Duration.ofSeconds(30)).until(() -> saved.size() == 3);
        assertThat(saved.get(2).verdict()).isEqualTo(Verdict.MATCH);
    }
}
