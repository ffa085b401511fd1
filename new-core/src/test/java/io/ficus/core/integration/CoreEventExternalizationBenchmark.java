package io.ficus.core.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ficus.contracts.Topics;
import io.ficus.contracts.TicketState;
import io.ficus.core.CoreTest;
import io.ficus.core.shared.Origin;
import io.ficus.core.tickets.TicketChanged;
import io.ficus.testkit.TestInfra;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Core commit → integration event on Kafka, the core's externalization alone (no HTTP, no other application): writer
 * threads commit transactions that each publish {@code bench.perTransaction} ticket changes of the core (each a fresh
 * aggregate, so the event's key names its commit), open-loop at {@code bench.rate} events per second for
 * {@code bench.seconds} after {@code bench.warmup} seconds. Latency: the Kafka record time (the producer stamps the send)
 * minus the commit (taken right after it, on the committing thread); throughput: events over the time from the first
 * measured commit to the last record. Not part of the default test run: {@code mvn -B -ntp -o -pl new-core -am verify
 * -Dsurefire.excludedGroups= -Dgroups=bench -Dtest=CoreEventExternalizationBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * -Dbench.rate=1000 -Dbench.seconds=20 [-Dbench.perTransaction=1 -Dbench.writers=4 -Dbench.warmup=5]}.
 */
@Tag("bench")
class CoreEventExternalizationBenchmark extends CoreTest {

    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    MeterRegistry meters;

    @Test
    void measuresCoreCommitToKafkaLatencyAndThroughputAtASteadyRate() throws Exception {
        int rate = Integer.getInteger("bench.rate", 1000);
        int seconds = Integer.getInteger("bench.seconds", 20);
        int warmup = Integer.getInteger("bench.warmup", 5);
        int perTransaction = Integer.getInteger("bench.perTransaction", 1);
        int writers = Integer.getInteger("bench.writers", 4);
        int warmupTransactions = rate * warmup / perTransaction;
        int transactions = rate * seconds / perTransaction;
        long interval = TimeUnit.SECONDS.toNanos(1) * perTransaction / rate;
        Map<String, Long> committedAt = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger(-warmupTransactions);
        long start = System.nanoTime() + warmupTransactions * interval + TimeUnit.MILLISECONDS.toNanos(100);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            done.add(pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < transactions) {
                    long wait = start + i * interval - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    boolean measured = i >= 0;
                    List<UUID> ids = new ArrayList<>(perTransaction);
                    transaction.executeWithoutResult(status -> {
                        for (int e = 0; e < perTransaction; e++) {
                            UUID id = UUID.randomUUID();
                            ids.add(id);
                            events.publishEvent(new TicketChanged(new TicketState(id, UUID.randomUUID(), UUID.randomUUID(), "bench",
                                    null, null, LocalDateTime.of(2026, 1, 1, 0, 0), List.of()), 1, Origin.CORE));
                        }
                        if (measured) {
                            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                                @Override
                                public void afterCommit() {
                                    long now = System.currentTimeMillis();
                                    ids.forEach(id -> committedAt.put(id.toString(), now));
                                }
                            });
                        }
                    });
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        double offered = transactions * perTransaction / ((System.nanoTime() - start) / 1e9);
        int expected = transactions * perTransaction;
        assertThat(committedAt).hasSize(expected);
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1))
                .until(() -> count("select count(*) from core_event_outbox") == 0);

        Map<String, Long> onKafka = recordTimes(committedAt.keySet());
        long[] latencies = onKafka.entrySet().stream().mapToLong(e -> e.getValue() - committedAt.get(e.getKey())).sorted().toArray();
        long firstCommit = committedAt.values().stream().mapToLong(Long::longValue).min().orElseThrow();
        long lastRecord = onKafka.values().stream().mapToLong(Long::longValue).max().orElseThrow();
        var lag = meters.get("ficus.core.events.lag").timer().takeSnapshot();
        System.out.printf("%nCORE EVENTS core commit -> record on Kafka (record time): %d events offered at %.0f/s (target %d/s, %d per "
                        + "transaction, %d writers) after a %d s warm-up; %d on Kafka, p50 %d ms, p90 %d ms, p99 %d ms, max %d ms; "
                        + "throughput %.0f events/s (first commit to last record); written -> acknowledged (ficus.core.events.lag, "
                        + "last 2 min): %s%n%n",
                expected, offered, rate, perTransaction, writers, warmup, latencies.length, at(latencies, 0.5), at(latencies, 0.9),
                at(latencies, 0.99), latencies[latencies.length - 1], expected / ((lastRecord - firstCommit) / 1000.0),
                Arrays.toString(lag.percentileValues()));
        assertThat(onKafka).hasSize(expected);
    }

    private static long at(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)];
    }

    /** Record time (ms) of the first record of each key of {@code keys} on the core-events topic. */
    private static Map<String, Long> recordTimes(java.util.Set<String> keys) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfra.kafka().bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        Map<String, Long> times = new java.util.HashMap<>();
        try (var consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            String topic = new Topics(prefix).coreEvents();
            var partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (keys.contains(r.key())) {
                        times.putIfAbsent(r.key(), r.timestamp());
                    }
                });
            }
        }
        return times;
    }
}
