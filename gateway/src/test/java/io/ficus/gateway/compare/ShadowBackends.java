package io.ficus.gateway.compare;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.ficus.gateway.GatewayProperties;
import io.ficus.gateway.LeakReports;
import io.ficus.gateway.evidence.EvidenceProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.util.unit.DataSize;

/**
 * A shadow dispatcher with WireMock standing in for the legacy, the new core and legacy-adapter's sync fence, and the
 * comparisons it saves kept in a list.
 */
final class ShadowBackends implements AutoCloseable {

    static final String FENCE = "/ficus/api/sync/fence";

    static {
        LeakReports.install();
    }

    final WireMockServer legacy = new WireMockServer(options().dynamicPort());
    final WireMockServer core = new WireMockServer(options().dynamicPort());
    final WireMockServer adapter = new WireMockServer(options().dynamicPort());
    final List<Comparison> saved = new CopyOnWriteArrayList<>();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    SyncWatermark watermark;
    ShadowDispatcher dispatcher;

    ShadowBackends() {
        legacy.start();
        core.start();
        adapter.start();
    }

    /** Settings with {@code watermarkTimeout} and, when {@code writeHold} is not zero, held writes and re-checked reads. */
    ShadowDispatcher dispatcher(Duration watermarkTimeout, Duration writeHold) {
        if (dispatcher != null) {
            dispatcher.destroy();
            watermark.destroy();
        }
        GatewayProperties properties = new GatewayProperties(URI.create(legacy.baseUrl()), URI.create(core.baseUrl()),
                Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1), false, "",
                new GatewayProperties.Shadow(DataSize.ofKilobytes(64), 4, 64, DataSize.ofMegabytes(1), Duration.ofSeconds(5),
                        Duration.ofDays(1), 100, List.of(), List.of("Content-Type")),
                new GatewayProperties.Handover(Duration.ofMillis(50), Duration.ofSeconds(3), Duration.ofSeconds(5),
                        Duration.ofSeconds(10), Duration.ofSeconds(2), URI.create(adapter.baseUrl()), "op", "op-secret"),
                List.of());
        EvidenceProperties evidence = new EvidenceProperties(watermarkTimeout, null, Duration.ofMillis(100),
                Duration.ofSeconds(1), 500, 50, 1, Duration.ofSeconds(1), 10, 0,
                new EvidenceProperties.DefaultPolicy(Duration.ofMinutes(15), 50, 0.01, 0.01, 2.0, true),
                writeHold, Duration.ofSeconds(1), writeHold.isZero() ? 0 : 3);
        ComparisonStore store = new ComparisonStore(null, properties) {
            @Override
            public long save(Comparison comparison) {
                saved.add(comparison);
                return saved.size();
            }
        };
        watermark = new SyncWatermark(properties, evidence);
        dispatcher = new ShadowDispatcher(properties, new GatewaySecret("s".repeat(GatewaySecret.MIN_LENGTH)), store, meters,
                watermark, null, evidence);
        return dispatcher;
    }

    @Override
    public void close() throws Exception {
        dispatcher.destroy();
        watermark.destroy();
        legacy.stop();
        core.stop();
        adapter.stop();
        assertThat(LeakReports.collect()).as("Netty buffer leaks").isEmpty();
    }
}
