package io.ficus.gateway.evidence;

import io.ficus.gateway.compare.Verdict;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Counts comparisons and served requests per route and minute in memory and adds them to the gateway database every
 * {@code flush-interval} ({@code insert ... on conflict do update set x = x + excluded.x}), so the figures of every
 * replica add up and survive restarts. Recording is a few map operations under a short lock; the database is touched
 * only by the flush, on its own thread. Counts not yet flushed when an instance dies are lost (at most one interval).
 */
@Component
public class EvidenceRecorder implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EvidenceRecorder.class);
    /** Upper bounds of the latency buckets, in milliseconds; the last one takes everything longer. */
    static final int[] BUCKETS = {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 30000, Integer.MAX_VALUE};
    private static final int MAX_PATH = 500;

    private final JdbcTemplate jdbc;
    private final EvidenceProperties properties;
    private Map<Key, Counts> pending = new HashMap<>();
    /**
     * Requests served, counted on the threads that serve clients without a lock (every proxied request counts here):
     * the flush takes each counter's value and sets it to zero atomically, so no count is lost or counted twice.
     */
    private final ConcurrentHashMap<Key, Served> served = new ConcurrentHashMap<>();
    private ScheduledExecutorService flusher;

    public EvidenceRecorder(JdbcTemplate jdbc, EvidenceProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    private record Key(String route, Instant minute) {
    }

    private static final class Served {
        final AtomicLong legacyRequests = new AtomicLong();
        final AtomicLong legacyErrors = new AtomicLong();
        final AtomicLong coreRequests = new AtomicLong();
        final AtomicLong coreErrors = new AtomicLong();
        /** Comparisons not made (shed when the comparison could not keep up: counted on the client's path). */
        final AtomicLong skipped = new AtomicLong();
    }

    private static final class Counts {
        final long[] verdicts = new long[Verdict.values().length];
        long legacyRequests;
        long legacyErrors;
        long coreRequests;
        long coreErrors;
        final long[] legacyLatency = new long[BUCKETS.length];
        final long[] coreLatency = new long[BUCKETS.length];
        final Map<String, Long> paths = new HashMap<>();
    }

    /** A minute and when it ends (epoch millis). */
    private record Minute(Instant start, long endsAt) {
    }

    /** The minute of now, kept while the clock stays in it (no allocation per request). */
    private volatile Minute minute = new Minute(Instant.EPOCH, Long.MIN_VALUE);

    private Instant minuteNow() {
        long now = System.currentTimeMillis();
        Minute known = minute;
        if (now >= known.endsAt() || now < known.endsAt() - 60_000) {
            Instant start = Instant.ofEpochMilli(now).truncatedTo(ChronoUnit.MINUTES);
            minute = new Minute(start, start.toEpochMilli() + 60_000);
            return start;
        }
        return known.start();
    }

    /**
     * Counts one comparison.
     *
     * @param legacyStatus the legacy's status, null when it gave none (an error) or was not asked
     * @param coreStatus   the core's status, likewise
     * @param legacyMillis the legacy's latency, null when unknown
     * @param coreMillis   the core's latency, null when unknown
     * @param paths        the paths where the answers differed (already redacted)
     */
    public void comparison(String route, Verdict verdict, Integer legacyStatus, Integer coreStatus, Long legacyMillis,
                           Long coreMillis, List<String> paths) {
        if (verdict == Verdict.SKIPPED && legacyMillis == null && coreMillis == null && paths.isEmpty()) {
            served(route).skipped.incrementAndGet();
            return;
        }
        synchronized (this) {
            Counts counts = counts(route);
            counts.verdicts[verdict.ordinal()]++;
            if (legacyMillis != null) {
                counts.legacyLatency[bucket(legacyMillis)]++;
            }
            if (coreMillis != null) {
                counts.coreLatency[bucket(coreMillis)]++;
            }
            for (String path : paths) {
                counts.paths.merge(path.length() > MAX_PATH ? path.substring(0, MAX_PATH) : path, 1L, Long::sum);
            }
        }
    }

    /**
     * Counts one request answered to a client (or one shadow call's answer): whether the system failed it
     * ({@code error}: a server error, a timeout or no answer).
     */
    public void served(String route, boolean core, boolean error, Long millis) {
        Served counts = served(route);
        if (core) {
            counts.coreRequests.incrementAndGet();
            if (error) {
                counts.coreErrors.incrementAndGet();
            }
        } else {
            counts.legacyRequests.incrementAndGet();
            if (error) {
                counts.legacyErrors.incrementAndGet();
            }
        }
    }

    private Served served(String route) {
        Key key = new Key(route, minuteNow());
        Served counts = served.get(key);
        return counts != null ? counts : served.computeIfAbsent(key, k -> new Served());
    }

    private Counts counts(String route) {
        return pending.computeIfAbsent(new Key(route, minuteNow()), k -> new Counts());
    }

    static int bucket(long millis) {
        for (int i = 0; i < BUCKETS.length; i++) {
            if (millis <= BUCKETS[i]) {
                return i;
            }
        }
        return BUCKETS.length - 1;
    }

    /** Adds everything counted so far to the database now. */
    public void flush() {
        Map<Key, Counts> batch;
        synchronized (this) {
            batch = pending;
            pending = new HashMap<>();
        }
        Instant current = minuteNow();
        for (var entry : served.entrySet()) {
            Served counts = entry.getValue();
            if (entry.getKey().minute().isBefore(current.minus(1, ChronoUnit.MINUTES))) {
                // two minutes old: drained by earlier flushes and no longer counted in (a request reads the minute just
                // before it counts); taken out, then drained once more below
                served.remove(entry.getKey(), counts);
            }
            long legacyRequests = counts.legacyRequests.getAndSet(0);
            long legacyErrors = counts.legacyErrors.getAndSet(0);
            long coreRequests = counts.coreRequests.getAndSet(0);
            long coreErrors = counts.coreErrors.getAndSet(0);
            long skipped = counts.skipped.getAndSet(0);
            if (legacyRequests + coreRequests + legacyErrors + coreErrors + skipped > 0) {
                Counts into = batch.computeIfAbsent(entry.getKey(), k -> new Counts());
                into.legacyRequests += legacyRequests;
                into.legacyErrors += legacyErrors;
                into.coreRequests += coreRequests;
                into.coreErrors += coreErrors;
                into.verdicts[Verdict.SKIPPED.ordinal()] += skipped;
            }
        }
        if (batch.isEmpty()) {
            return;
        }
        List<Object[]> minutes = new ArrayList<>();
        List<Object[]> latencies = new ArrayList<>();
        List<Object[]> paths = new ArrayList<>();
        batch.forEach((key, c) -> {
            Timestamp minute = Timestamp.from(key.minute());
            minutes.add(new Object[] {key.route(), minute, c.verdicts[Verdict.MATCH.ordinal()],
                    c.verdicts[Verdict.MISMATCH.ordinal()], c.verdicts[Verdict.LAGGED.ordinal()],
                    c.verdicts[Verdict.ERROR.ordinal()], c.verdicts[Verdict.SKIPPED.ordinal()], c.legacyRequests,
                    c.legacyErrors, c.coreRequests, c.coreErrors});
            for (int i = 0; i < BUCKETS.length; i++) {
                if (c.legacyLatency[i] > 0) {
                    latencies.add(new Object[] {key.route(), minute, "legacy", BUCKETS[i], c.legacyLatency[i]});
                }
                if (c.coreLatency[i] > 0) {
                    latencies.add(new Object[] {key.route(), minute, "core", BUCKETS[i], c.coreLatency[i]});
                }
            }
            c.paths.forEach((path, n) -> paths.add(new Object[] {key.route(), minute, path, n}));
        });
        // sorted, so that two replicas flushing at once lock the rows in the same order
        minutes.sort(java.util.Comparator.<Object[], String>comparing(a -> (String) a[0]).thenComparing(a -> (Timestamp) a[1]));
        jdbc.batchUpdate("insert into evidence_minute (route_id, minute, matches, mismatches, lagged, errors, skipped,"
                + " legacy_requests, legacy_errors, core_requests, core_errors) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " on conflict (route_id, minute) do update set matches = evidence_minute.matches + excluded.matches,"
                + " mismatches = evidence_minute.mismatches + excluded.mismatches,"
                + " lagged = evidence_minute.lagged + excluded.lagged, errors = evidence_minute.errors + excluded.errors,"
                + " skipped = evidence_minute.skipped + excluded.skipped,"
                + " legacy_requests = evidence_minute.legacy_requests + excluded.legacy_requests,"
                + " legacy_errors = evidence_minute.legacy_errors + excluded.legacy_errors,"
                + " core_requests = evidence_minute.core_requests + excluded.core_requests,"
                + " core_errors = evidence_minute.core_errors + excluded.core_errors", minutes);
        if (!latencies.isEmpty()) {
            jdbc.batchUpdate("insert into evidence_latency (route_id, minute, side, bucket, count) values (?, ?, ?, ?, ?)"
                    + " on conflict (route_id, minute, side, bucket) do update set count = evidence_latency.count + excluded.count",
                    latencies);
        }
        if (!paths.isEmpty()) {
            jdbc.batchUpdate("insert into evidence_difference (route_id, minute, path, count) values (?, ?, ?, ?)"
                    + " on conflict (route_id, minute, path) do update set count = evidence_difference.count + excluded.count",
                    paths);
        }
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            log.warn("could not store evidence counts (this interval's counts are lost): {}", e.toString());
        }
    }

    @Override
    public void start() {
        flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "ficus-evidence-flush");
            thread.setDaemon(true);
            return thread;
        });
        long interval = properties.flushInterval().toMillis();
        flusher.scheduleWithFixedDelay(this::flushQuietly, interval, interval, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        if (flusher != null) {
            flusher.shutdownNow();
            flusher = null;
            flushQuietly();
        }
    }

    @Override
    public boolean isRunning() {
        return flusher != null;
    }
}
