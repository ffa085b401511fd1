package io.ficus.adapter.faults;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.stereotype.Component;

/**
 * Which partitions wait for a failing record to pass, since when and why: the
 * {@code ficus.adapter.retrying} gauge (partitions waiting), {@code ficus.adapter.retry.attempts}
 * and {@code ficus.adapter.dead.letters} counters, and this application's health, which turns
 * OUT_OF_SERVICE (status only for anonymous callers; details for the log and an authorised
 * reader) once a partition has waited for {@link #HEALTH_AFTER}. A partition stops waiting when
 * its listener handled a poll of it, or when its record went to the dead-letter topic.
 */
@Component
public class ConsumerRetries implements RetryListener, HealthIndicator {

    /** How long a partition may wait before the application reports itself out of service. */
    public static final Duration HEALTH_AFTER = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(ConsumerRetries.class);

    /** One waiting partition. */
    record Waiting(Instant since, Instant last, long attempts, String error) {
    }

    private final Map<TopicPartition, Waiting> waiting = new ConcurrentHashMap<>();
    private final MeterRegistry meters;
    private final Clock clock;
    /**
     * A partition that has not failed for this long no longer waits (it was handed to another
     * consumer, say): three of the longest backoffs, at least a minute.
     */
    private final Duration forgetAfter;

    @org.springframework.beans.factory.annotation.Autowired
    public ConsumerRetries(MeterRegistry meters, io.ficus.adapter.AdapterProperties properties) {
        this(meters, Clock.systemUTC(), properties.retryMaxBackoff().multipliedBy(3));
    }

    ConsumerRetries(MeterRegistry meters, Clock clock, Duration forgetAfter) {
        this.meters = meters;
        this.clock = clock;
        this.forgetAfter = forgetAfter.compareTo(Duration.ofMinutes(1)) < 0 ? Duration.ofMinutes(1) : forgetAfter;
        Gauge.builder("ficus.adapter.retrying", this, r -> r.waiting().size())
                .description("Partitions whose consumer waits for a failing record to pass (a server away)").register(meters);
    }

    @Override
    public void failedDelivery(ConsumerRecord<?, ?> record, Exception failure, int deliveryAttempt) {
        failed(new TopicPartition(record.topic(), record.partition()), failure);
    }

    @Override
    public void failedDelivery(ConsumerRecords<?, ?> records, Exception failure, int deliveryAttempt) {
        for (TopicPartition partition : records.partitions()) {
            failed(partition, failure);
        }
    }

    @Override
    public void recovered(ConsumerRecord<?, ?> record, Exception failure) {
        waiting.remove(new TopicPartition(record.topic(), record.partition()));
    }

    private void failed(TopicPartition partition, Exception failure) {
        Instant now = clock.instant();
        String error = SyncFailures.describe(failure);
        Waiting before = waiting.get(partition);
        waiting.put(partition, before == null ? new Waiting(now, now, 1, error)
                : new Waiting(before.since(), now, before.attempts() + 1, error));
        Counter.builder("ficus.adapter.retry.attempts").tag("topic", partition.topic())
                .description("Failed attempts to handle a record; each is retried after a backoff").register(meters).increment();
        long attempts = before == null ? 1 : before.attempts() + 1;
        if (attempts == 1 || Long.bitCount(attempts) == 1) {
            log.warn("Partition {} waits for a record that failed {} time(s) since {}: {}; retrying with backoff",
                    partition, attempts, before == null ? now : before.since(), error);
        }
    }

    /** A poll of these partitions was handled: they no longer wait. */
    public void handled(Collection<TopicPartition> partitions) {
        for (TopicPartition partition : partitions) {
            Waiting was = waiting.remove(partition);
            if (was != null) {
                log.info("Partition {} moves on after {} failed attempt(s) over {}", partition, was.attempts(),
                        Duration.between(was.since(), clock.instant()));
            }
        }
    }

    /** A poll of these records was handled. */
    public void handled(Iterable<? extends ConsumerRecord<?, ?>> records) {
        if (waiting.isEmpty()) {
            return;
        }
        var partitions = new java.util.HashSet<TopicPartition>();
        records.forEach(r -> partitions.add(new TopicPartition(r.topic(), r.partition())));
        handled(partitions);
    }

    /** When the partition of {@code record} first failed on it, or now. */
    Instant firstFailure(ConsumerRecord<?, ?> record) {
        Waiting w = waiting.get(new TopicPartition(record.topic(), record.partition()));
        return w == null ? clock.instant() : w.since();
    }

    /** How many attempts failed on the partition of {@code record} (at least one: the one that sends it away). */
    long attempts(ConsumerRecord<?, ?> record) {
        Waiting w = waiting.get(new TopicPartition(record.topic(), record.partition()));
        return w == null ? 1 : w.attempts();
    }

    void deadLettered(ConsumerRecord<?, ?> record, Exception failure) {
        waiting.remove(new TopicPartition(record.topic(), record.partition()));
        Counter.builder("ficus.adapter.dead.letters").tag("topic", record.topic())
                .description("Records that can never be applied, set aside on the dead-letter topic").register(meters).increment();
        log.error("Record {}-{}@{} (key {}) can never be applied ({}); set aside on the dead-letter topic",
                record.topic(), record.partition(), record.offset(), record.key(), SyncFailures.describe(failure));
    }

    /** The partitions waiting now: those that failed within {@link #forgetAfter}. */
    public Map<TopicPartition, Waiting> waiting() {
        Instant now = clock.instant();
        waiting.values().removeIf(w -> Duration.between(w.last(), now).compareTo(forgetAfter) > 0);
        return Map.copyOf(waiting);
    }

    @Override
    public Health health() {
        Instant now = clock.instant();
        var stuck = new LinkedHashMap<String, Object>();
        var current = waiting();
        current.forEach((partition, w) -> {
            if (Duration.between(w.since(), now).compareTo(HEALTH_AFTER) >= 0) {
                stuck.put(partition.toString(), Map.of("since", w.since().toString(), "attempts", w.attempts(),
                        "error", w.error()));
            }
        });
        if (stuck.isEmpty()) {
            return Health.up().withDetail("retrying", current.size()).build();
        }
        return Health.outOfService().withDetail("reason", "waiting for failing records to pass (a server away?)")
                .withDetail("partitions", stuck).build();
    }
}
