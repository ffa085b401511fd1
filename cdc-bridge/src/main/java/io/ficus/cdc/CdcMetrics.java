package io.ficus.cdc;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * The bridge's Micrometer meters, all named {@code ficus.cdc.*}: changes published per table
 * (their rate is events per second), commit-to-publish lag, and snapshot progress per table.
 */
@Component
class CdcMetrics {

    private final MeterRegistry registry;
    private final Map<String, Counter> published = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> snapshotDone = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> snapshotTotal = new ConcurrentHashMap<>();
    private final Timer lag;
    private final AtomicLong lastLagMillis = new AtomicLong();

    CdcMetrics(MeterRegistry registry, CdcProperties properties) {
        this.registry = registry;
        this.lag = Timer.builder("ficus.cdc.lag")
                .description("Time from the legacy commit to Kafka's acknowledgement of the change")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
        Gauge.builder("ficus.cdc.lag.last", lastLagMillis, AtomicLong::get).baseUnit("milliseconds")
                .description("Commit-to-publish lag of the most recent streamed change").register(registry);
        // Snapshot progress of every captured table is published from the start (0 of 0 until a snapshot runs), so a
        // dashboard shows "no snapshot" rather than "no data".
        properties.tables().forEach(table -> {
            snapshotDone(table);
            snapshotTotal(table);
        });
    }

    void published(String table, int count) {
        published.computeIfAbsent(table, t -> Counter.builder("ficus.cdc.published").tag("table", t)
                .description("Row changes published to Kafka and acknowledged").register(registry)).increment(count);
    }

    void lag(Duration commitToPublish) {
        lag.record(commitToPublish);
        lastLagMillis.set(commitToPublish.toMillis());
    }

    long lastLagMillis() {
        return lastLagMillis.get();
    }

    AtomicLong snapshotDone(String table) {
        return snapshotDone.computeIfAbsent(table, t -> {
            var value = new AtomicLong();
            Gauge.builder("ficus.cdc.snapshot.rows", value, AtomicLong::get).tag("table", t)
                    .description("Rows of the table read by the current snapshot").register(registry);
            return value;
        });
    }

    AtomicLong snapshotTotal(String table) {
        return snapshotTotal.computeIfAbsent(table, t -> {
            var value = new AtomicLong();
            Gauge.builder("ficus.cdc.snapshot.total", value, AtomicLong::get).tag("table", t)
                    .description("Rows of the table when the snapshot started").register(registry);
            return value;
        });
    }
}
