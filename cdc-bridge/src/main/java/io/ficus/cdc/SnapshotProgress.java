package io.ficus.cdc;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the rows an initial snapshot has published per table against the table's size when
 * the snapshot began, and reports it: in the log at most every {@code interval}, and as the
 * {@code ficus.cdc.snapshot.*} gauges.
 */
final class SnapshotProgress {

    private static final Logger log = LoggerFactory.getLogger(SnapshotProgress.class);

    private final CdcMetrics metrics;
    private final Duration interval;
    private final Map<String, Long> totals = new ConcurrentHashMap<>();
    private final AtomicLong rows = new AtomicLong();
    private volatile long startedNanos;
    private volatile long lastReportNanos;

    SnapshotProgress(CdcMetrics metrics, Duration interval) {
        this.metrics = metrics;
        this.interval = interval;
    }

    /** Called when a snapshot is about to run, with the row count of each captured table. */
    void begin(Map<String, Long> tableSizes) {
        totals.putAll(tableSizes);
        tableSizes.forEach((table, size) -> metrics.snapshotTotal(table).set(size));
        startedNanos = System.nanoTime();
        lastReportNanos = startedNanos;
        log.info("Snapshot of {} tables, {} rows in all", tableSizes.size(),
                tableSizes.values().stream().mapToLong(Long::longValue).sum());
    }

    void read(String table, int count) {
        metrics.snapshotDone(table).addAndGet(count);
        rows.addAndGet(count);
        long now = System.nanoTime();
        if (now - lastReportNanos >= interval.toNanos()) {
            lastReportNanos = now;
            log.info("Snapshot progress: {}", report(now));
        }
    }

    /** Called on the first streamed change: the snapshot, if any, is complete. */
    void finish() {
        if (startedNanos != 0) {
            log.info("Snapshot complete: {}", report(System.nanoTime()));
            startedNanos = 0;
        }
    }

    String report(long now) {
        double seconds = Math.max(0.001, (now - startedNanos) / 1e9);
        StringBuilder text = new StringBuilder();
        for (String table : List.copyOf(totals.keySet())) {
            long done = metrics.snapshotDone(table).get();
            long total = totals.getOrDefault(table, 0L);
            text.append(String.format(Locale.ROOT, "%s %,d/%,d, ", table, done, total));
        }
        return text.append(String.format(Locale.ROOT, "%,.0f rows/s", rows.get() / seconds)).toString();
    }
}
