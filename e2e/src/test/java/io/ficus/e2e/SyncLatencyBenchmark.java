package io.ficus.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ficus.sandbox.Stack;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Commit-to-applied-in-core latency at a steady write rate on the legacy database. Not part of
 * the default test run; run it with
 * {@code mvn -B -ntp -pl testkit,contracts,legacy-app,new-core,legacy-adapter,cdc-bridge,gateway,sandbox,e2e -am verify
 * -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -Dsurefire.excludedGroups= -Dgroups=bench
 * -Dit.test=SyncLatencyBenchmark -Dit.failIfNoSpecifiedTests=false} (the applications' jars built from this tree). Options: {@code -Dbench.rate=1000} (writes per
 * second), {@code -Dbench.seconds=30} (measured), {@code -Dbench.warmup=10} (seconds at the same rate, not measured),
 * {@code -Dbench.writers=4} (connections writing, open loop: each write is due at its time whoever writes it). Before the
 * warm-up it waits until a probe row reaches the core (the bridge streams, every consumer is assigned). It prints the
 * latency from the legacy commit to the core commit, each hop per record (cdc-bridge's and legacy-adapter's Kafka record
 * times, which their producers stamp when they send), and the CPU seconds each component used meanwhile.
 */
@Tag("bench")
class SyncLatencyBenchmark {

    @Test
    void measuresCommitToCoreLatencyAtASteadyRate() throws Exception {
        int rate = Integer.getInteger("bench.rate", 1000);
        int seconds = Integer.getInteger("bench.seconds", 30);
        int warmup = Integer.getInteger("bench.warmup", 10);
        Stack stack = RunningStack.get();
        var legacyDb = stack.config().legacyDb();
        var coreDb = stack.config().coreDb();
        // The writes of the warm-up (JIT, pools, fetch sizes settling) go to another project and are not measured.
        String warmupProject = UUID.randomUUID().toString();
        String project = UUID.randomUUID().toString();
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        int warmupWrites = rate * warmup;
        int total = rate * seconds;
        int writers = Integer.getInteger("bench.writers", 4);
        try (Connection legacy = DriverManager.getConnection(legacyDb.jdbcUrl(), legacyDb.username(), legacyDb.password());
             Connection core = DriverManager.getConnection(coreDb.jdbcUrl(), coreDb.username(), coreDb.password())) {
            awaitStreaming(legacy, core);
            int pgPort = java.net.URI.create(legacyDb.jdbcUrl().substring("jdbc:".length())).getPort();
            long start = System.nanoTime() + TimeUnit.SECONDS.toNanos(1) + warmupWrites * interval;
            // Open loop: write i is due at start + i * interval, whoever writes it; each writer has a connection of its own
            // (one connection's commit round trip alone cannot keep 1,000 commits a second on a loaded machine).
            var pool = java.util.concurrent.Executors.newFixedThreadPool(writers);
            List<java.util.concurrent.Future<?>> running = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                running.add(pool.submit(() -> {
                    try (Connection own = DriverManager.getConnection(legacyDb.jdbcUrl(), legacyDb.username(), legacyDb.password());
                         var insert = own.prepareStatement("insert into tkt_ticket (tkt_id, prj_id, tkt_title, tkt_crt_ts, tkt_upd_ts, "
                                 + "tkt_del_flg) values (?, ?, ?, ?, ?, 'N')")) {
                        for (int i = -warmupWrites + writer; i < total; i += writers) {
                            long wait = start + i * interval - System.nanoTime();
                            if (wait > 0) {
                                LockSupport.parkNanos(wait);
                            }
                            var now = Timestamp.valueOf(LocalDateTime.now());
                            insert.setString(1, UUID.randomUUID().toString());
                            insert.setString(2, i < 0 ? warmupProject : project);
                            insert.setString(3, "bench " + i);
                            insert.setTimestamp(4, now);
                            insert.setTimestamp(5, now);
                            insert.executeUpdate();
                        }
                    }
                    return null;
                }));
            }
            LockSupport.parkNanos(start - System.nanoTime());
            Map<String, Duration> cpuBefore = Cpu.byComponent(pgPort);
            for (var writer : running) {
                writer.get();
            }
            pool.shutdown();
            double achieved = total / ((System.nanoTime() - start) / 1e9);

            // The measurement costs nothing while the writes flow: both sides' commit times are read from
            // PostgreSQL (track_commit_timestamp, one server and one clock for both databases) afterwards.
            String appliedQuery = "select count(*) from tickets_ticket where project_id = ?::uuid";
            try {
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                        .until(() -> count(core, appliedQuery, project) >= total);
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                // reported below as writes not applied within 60 s
            }
            long applied = count(core, appliedQuery, project);
            Map<String, Duration> cpuAfter = Cpu.byComponent(pgPort);
            double measuredSeconds = (System.nanoTime() - start) / 1e9;
            Map<String, Long> legacyCommits = commitTimes(legacy, "select tkt_id, pg_xact_commit_timestamp(xmin) from tkt_ticket where prj_id = ?", project);
            Map<String, Long> coreCommits = commitTimes(core, "select id::text, pg_xact_commit_timestamp(xmin) from tickets_ticket where project_id = ?::uuid", project);
            List<Long> sorted = new ArrayList<>();
            coreCommits.forEach((id, at) -> sorted.add((at - legacyCommits.get(id)) * 1000));
            Collections.sort(sorted);
            System.out.printf("%nSYNC LATENCY legacy commit -> committed in new core: %d writes at %.0f/s (target %d/s) after a %d s warm-up, "
                            + "p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms, %d not applied within 60 s%n%n",
                    total, achieved, rate, warmup, ms(sorted, 0.50), ms(sorted, 0.90), ms(sorted, 0.99), ms(sorted, 1.0),
                    total - applied);
            var topics = new io.ficus.contracts.Topics(stack.config().topicPrefix());
            Map<String, Long> bridgeMillis = published(stack, topics.legacyCdc("tkt_ticket"), legacyCommits.keySet(), true);
            Map<String, Long> adapterMillis = published(stack, topics.legacyChanges(), legacyCommits.keySet(), false);
            System.out.printf("  hop legacy commit -> cdc-bridge published (Kafka record time): %s%n", hop(legacyCommits, bridgeMillis, 1000, 1));
            System.out.printf("  hop cdc-bridge published -> adapter published: %s%n", hop(bridgeMillis, adapterMillis, 1, 1));
            System.out.printf("  hop adapter published -> committed in the core: %s%n", hop(adapterMillis, coreCommits, 1, 1000));
            System.out.printf("  (cumulative) legacy commit -> adapter published: %s%n", hop(legacyCommits, adapterMillis, 1000, 1));
            System.out.printf("  CPU seconds per component from the first measured write until all were applied (%.1f s of wall time, "
                    + "%d cores): %s%n%n", measuredSeconds, Runtime.getRuntime().availableProcessors(), Cpu.delta(cpuBefore, cpuAfter));
            assertThat(applied).isEqualTo(total);
        }
    }

    private static long count(Connection db, String sql, String param) throws java.sql.SQLException {
        try (var query = db.prepareStatement(sql)) {
            query.setString(1, param);
            try (var rs = query.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Commit time in microseconds since the epoch, per id. */
    private static Map<String, Long> commitTimes(Connection db, String sql, String param) throws java.sql.SQLException {
        Map<String, Long> times = new java.util.HashMap<>();
        try (var query = db.prepareStatement(sql)) {
            query.setString(1, param);
            try (var rs = query.executeQuery()) {
                while (rs.next()) {
                    Timestamp at = rs.getTimestamp(2);
                    if (at == null) {
                        throw new IllegalStateException("no commit timestamp: the server runs without track_commit_timestamp=on");
                    }
                    times.put(rs.getString(1), at.getTime() / 1000 * 1_000_000 + at.getNanos() / 1000);
                }
            }
        }
        return times;
    }

    /** The record time (milliseconds) of each of {@code ids} on a topic: when the producer sent it. */
    static Map<String, Long> published(Stack stack, String topic, java.util.Set<String> ids, boolean jsonKey) {
        Map<String, Long> at = new java.util.HashMap<>();
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<String, String>(Map.of(
                "bootstrap.servers", stack.config().kafka(), "group.id", io.ficus.testkit.TestInfra.uniqueName("stage"),
                "auto.offset.reset", "earliest", "key.deserializer", org.apache.kafka.common.serialization.StringDeserializer.class,
                "value.deserializer", org.apache.kafka.common.serialization.StringDeserializer.class))) {
            var partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new org.apache.kafka.common.TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            var end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (var r : consumer.poll(java.time.Duration.ofMillis(200))) {
                    String key = jsonKey ? r.key().replaceAll(".*\"tkt_id\":\"([^\"]+)\".*", "$1") : r.key();
                    if (ids.contains(key)) {
                        at.putIfAbsent(key, r.timestamp());
                    }
                }
            }
        }
        return at;
    }

    /**
     * Percentiles of {@code to - from} over the ids in both, the times given in units of {@code 1/fromPerMilli} and
     * {@code 1/toPerMilli} milliseconds (1000: microseconds).
     */
    static String hop(Map<String, Long> from, Map<String, Long> to, long fromPerMilli, long toPerMilli) {
        List<Long> lags = new ArrayList<>();
        to.forEach((id, end) -> {
            Long begin = from.get(id);
            if (begin != null) {
                lags.add(end * (1_000_000L / toPerMilli) - begin * (1_000_000L / fromPerMilli));
            }
        });
        Collections.sort(lags);
        return String.format("%d records, p50 %.0f ms, p90 %.0f ms, p99 %.0f ms, max %.0f ms", lags.size(), ms(lags, 0.5), ms(lags, 0.9),
                ms(lags, 0.99), ms(lags, 1.0));
    }

    /**
     * Waits until a row inserted into the legacy is committed in the core: the bridge streams (its snapshot is over)
     * and every consumer is assigned, so the warm-up measures the sync, not the stack's start.
     */
    static void awaitStreaming(Connection legacy, Connection core) throws java.sql.SQLException {
        String probe = UUID.randomUUID().toString();
        try (var insert = legacy.prepareStatement("insert into tkt_ticket (tkt_id, prj_id, tkt_title, tkt_crt_ts, tkt_upd_ts, tkt_del_flg) "
                + "values (?, ?, 'probe', now(), now(), 'N')")) {
            insert.setString(1, probe);
            insert.setString(2, UUID.randomUUID().toString());
            insert.executeUpdate();
        }
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                .until(() -> count(core, "select count(*) from tickets_ticket where id = ?::uuid", probe) == 1);
    }

    /** CPU time used by each process of the stack (the apps, PostgreSQL, this JVM with Kafka and the load writer). */
    static final class Cpu {

        private static final List<String> APPS = List.of("cdc-bridge", "legacy-adapter", "new-core", "legacy-app", "gateway");

        /** @param postgresPort the port of the PostgreSQL server of both databases (its server process and backends count) */
        static Map<String, Duration> byComponent(int postgresPort) {
            Map<String, Duration> cpu = new java.util.TreeMap<>();
            add(cpu, "test JVM (Kafka, load writer)", ProcessHandle.current());
            ProcessHandle.current().descendants().forEach(p -> {
                String command = p.info().commandLine().orElse("");
                String name = APPS.stream().filter(app -> command.contains("/" + app + "-")).findFirst().orElse("other");
                add(cpu, name, p);
            });
            ProcessHandle.allProcesses()
                    .filter(p -> p.info().commandLine().orElse("").matches(".*postgres.* -p " + postgresPort + "( .*|$)"))
                    .forEach(server -> {
                        add(cpu, "postgres", server);
                        server.descendants().forEach(backend -> add(cpu, "postgres", backend));
                    });
            return cpu;
        }

        private static void add(Map<String, Duration> cpu, String name, ProcessHandle p) {
            p.info().totalCpuDuration().ifPresent(d -> cpu.merge(name, d, Duration::plus));
        }

        /** CPU seconds per component between two readings (processes that ended meanwhile are left out). */
        static String delta(Map<String, Duration> before, Map<String, Duration> after) {
            StringBuilder out = new StringBuilder();
            after.forEach((name, d) -> out.append(String.format("%s %.1f, ", name,
                    d.minus(before.getOrDefault(name, Duration.ZERO)).toMillis() / 1000.0)));
            return out.length() == 0 ? "not available" : out.substring(0, out.length() - 2);
        }
    }

    private static double ms(List<Long> sorted, double quantile) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = Math.min(sorted.size() - 1, (int) Math.ceil(quantile * sorted.size()) - 1);
        return sorted.get(Math.max(0, index)) / 1e6;
    }
}
