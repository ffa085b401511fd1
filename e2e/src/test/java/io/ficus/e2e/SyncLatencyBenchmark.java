package io.ficus.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.ficus.sandbox.App;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Commit-to-applied-in-core latency at a steady write rate on the legacy database. Not part of
 * the default test run; run it with
 * {@code mvn -B -ntp -pl e2e verify -Dsurefire.excludedGroups= -Dgroups=bench -Dtest=SyncLatencyBenchmark}
 * (after {@code mvn install -DskipTests}). Options: {@code -Dbench.rate=1000} (writes per
 * second), {@code -Dbench.seconds=30}.
 */
@Tag("bench")
class SyncLatencyBenchmark {

    @Test
    void measuresCommitToCoreLatencyAtASteadyRate() throws Exception {
        int rate = Integer.getInteger("bench.rate", 1000);
        int seconds = Integer.getInteger("bench.seconds", 30);
        Stack stack = RunningStack.get();
        var legacyDb = stack.config().legacyDb();
        var coreDb = stack.config().coreDb();
        Map<String, Long> committedAt = new ConcurrentHashMap<>();
        Map<String, Long> committedMillis = new ConcurrentHashMap<>();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());

        var poller = new Thread(() -> {
            try (Connection core = DriverManager.getConnection(coreDb.jdbcUrl(), coreDb.username(), coreDb.password());
                 var query = core.prepareStatement("select id::text from tickets_ticket where id = any(?::uuid[])")) {
                while (!Thread.currentThread().isInterrupted()) {
                    // Poll every 5 ms for at most the 5,000 oldest pending writes, so that a backlog does not turn
                    // the measurement itself into the load.
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
                    if (committedAt.isEmpty()) {
                        continue;
                    }
                    Object[] pending = committedAt.entrySet().stream()
                            .sorted(Map.Entry.comparingByValue()).limit(5_000).map(Map.Entry::getKey).toArray();
                    query.setArray(1, core.createArrayOf("text", pending));
                    try (var rs = query.executeQuery()) {
                        long now = System.nanoTime();
                        while (rs.next()) {
                            Long at = committedAt.remove(rs.getString(1));
                            if (at != null) {
                                latencies.add(now - at);
                            }
                        }
                    }
                }
            } catch (Exception e) {
                if (!Thread.currentThread().isInterrupted()) {
                    throw new IllegalStateException(e);
                }
            }
        }, "latency-poller");
        poller.start();

        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        int total = rate * seconds;
        try (Connection legacy = DriverManager.getConnection(legacyDb.jdbcUrl(), legacyDb.username(), legacyDb.password());
             var insert = legacy.prepareStatement("insert into tkt_ticket (tkt_id, prj_id, tkt_title, tkt_crt_ts, tkt_upd_ts, tkt_del_flg) values (?, ?, ?, ?, ?, 'N')")) {
            String project = UUID.randomUUID().toString();
            long start = System.nanoTime();
            for (int i = 0; i < total; i++) {
                long due = start + i * interval;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                String id = UUID.randomUUID().toString();
                var now = Timestamp.valueOf(LocalDateTime.now());
                insert.setString(1, id);
                insert.setString(2, project);
                insert.setString(3, "bench " + i);
                insert.setTimestamp(4, now);
                insert.setTimestamp(5, now);
                insert.executeUpdate();
                committedAt.put(id, System.nanoTime());
                committedMillis.put(id, System.currentTimeMillis());
            }
            double achieved = total / ((System.nanoTime() - start) / 1e9);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (latencies.size() < total && System.nanoTime() < deadline) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            }
            poller.interrupt();
            List<Long> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            System.out.printf("%nSYNC LATENCY legacy commit -> applied in new core: %d writes at %.0f/s (target %d/s), "
                            + "p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms, %d not applied within 60 s%n%n",
                    total, achieved, rate, ms(sorted, 0.50), ms(sorted, 0.90), ms(sorted, 0.99), ms(sorted, 1.0),
                    total - sorted.size());
            var topics = new io.ficus.contracts.Topics(stack.config().topicPrefix());
            System.out.printf("  stage legacy commit -> cdc-bridge published: %s%n  stage legacy commit -> adapter published: %s%n%n",
                    stage(stack, topics.legacyCdc("tkt_ticket"), committedMillis, true),
                    stage(stack, topics.legacyChanges(), committedMillis, false));
            assertThat(sorted).hasSize(total);
        }
    }

    /** Latency percentiles from the legacy commit to a topic's record timestamps, for the writes of this run. */
    private static String stage(Stack stack, String topic, Map<String, Long> committedMillis, boolean jsonKey) {
        List<Long> lags = new ArrayList<>();
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
                    Long at = committedMillis.get(key);
                    if (at != null) {
                        lags.add((r.timestamp() - at) * 1_000_000L);
                    }
                }
            }
        }
        Collections.sort(lags);
        return String.format("%d records, p50 %.0f ms, p99 %.0f ms, max %.0f ms", lags.size(), ms(lags, 0.5), ms(lags, 0.99), ms(lags, 1.0));
    }

    private static double ms(List<Long> sorted, double quantile) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = Math.min(sorted.size() - 1, (int) Math.ceil(quantile * sorted.size()) - 1);
        return sorted.get(Math.max(0, index)) / 1e6;
    }
}
