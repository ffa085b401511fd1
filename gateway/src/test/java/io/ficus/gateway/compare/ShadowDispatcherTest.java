package io.ficus.gateway.compare;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.ficus.gateway.GatewayProperties;
import io.ficus.gateway.LeakReports;
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

    private final WireMockServer core = new WireMockServer(options().dynamicPort());
    private final List<Comparison> saved = new CopyOnWriteArrayList<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private ShadowDispatcher dispatcher;

    @BeforeEach
    void start() {
        core.start();
        dispatcher = dispatcher(DataSize.ofMegabytes(1));
    }

    private ShadowDispatcher dispatcher(DataSize queueMemory) {
        GatewayProperties properties = new GatewayProperties(URI.create("http://localhost:1"), URI.create(core.baseUrl()),
                new GatewayProperties.Admin("a", "b"), Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1),
                false, "", new GatewayProperties.Shadow(DataSize.ofKilobytes(64), 1, 1, queueMemory, Duration.ofSeconds(5),
                Duration.ofDays(1), 100, List.of(), List.of("Content-Type")), List.of());
        ComparisonStore store = new ComparisonStore(null, properties) {
            @Override
            public long save(Comparison comparison) {
                saved.add(comparison);
                return saved.size();
            }
        };
        return new ShadowDispatcher(properties, store, meters);
    }

    @AfterEach
    void stop() {
        dispatcher.destroy();
        core.stop();
        assertThat(LeakReports.collect()).as("Netty buffer leaks").isEmpty();
    }

    private static ShadowExchange exchange() {
        RouteCatalog catalog = new RouteCatalog(List.of(
                new RouteSpec("r", List.of("GET"), "/api/r", "g", Mode.SHADOW, 0, null, List.of(), false)));
        HttpHeaders headers = new HttpHeaders();
        headers.set("Content-Type", "application/json");
        Answer legacy = new Answer(200, headers, "{\"a\":1}".getBytes(StandardCharsets.UTF_8), false, 3);
        return new ShadowExchange(catalog.route("r").orElseThrow(), "req", HttpMethod.GET, "/api/r", new HttpHeaders(),
                new byte[0], false, legacy, null);
    }

    @Test
    void dropsAndCountsWhatExceedsTheConcurrencyAndTheQueue() {
        core.stubFor(get("/api/r").willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"a\":1}").withFixedDelay(500)));

        List<Boolean> accepted = java.util.stream.IntStream.range(0, 5).mapToObj(i -> dispatcher.submit(exchange())).toList();

        assertThat(accepted).containsExactly(true, true, false, false, false);
        assertThat(meters.counter("ficus.gateway.shadow.dropped", "route", "r").count()).isEqualTo(3);
        assertThat(meters.counter("ficus.gateway.comparisons", "route", "r", "verdict", "SKIPPED").count()).isEqualTo(3);
        await().atMost(Duration.ofSeconds(30)).until(() -> saved.size() == 2);
        assertThat(saved).extracting(Comparison::verdict).containsOnly(Verdict.MATCH);
        await().atMost(Duration.ofSeconds(30)).until(() -> dispatcher.submit(exchange()));
    }

    @Test
    void dropsWhatWouldHoldMoreBodyBytesThanTheQueueMemory() {
        core.stubFor(get("/api/r").willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"a\":1}").withFixedDelay(500)));
        dispatcher.destroy();
        dispatcher = dispatcher(DataSize.ofBytes(10));

        assertThat(dispatcher.submit(exchange())).as("runs at once, holds no queue memory").isTrue();
        assertThat(dispatcher.submit(exchange())).as("waits with a 7-byte body").isTrue();
        assertThat(dispatcher.submit(exchange())).as("would hold 14 bytes").isFalse();
        assertThat(meters.counter("ficus.gateway.shadow.dropped", "route", "r").count()).isEqualTo(1);
    }
}
