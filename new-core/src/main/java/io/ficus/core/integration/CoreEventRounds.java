package io.ficus.core.integration;

import io.ficus.core.CoreProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.LoggingProducerListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One round of the outbox sender, in one transaction: take the sender's advisory lock (only one instance sends at a
 * time, so the order holds across instances), read up to {@code batch-size} events of {@code core_event_outbox} in id
 * order (the order of their aggregates' commits), send them all without waiting, wait for every acknowledgement (at
 * most {@code send-timeout}), delete them in one statement and commit. A round that fails deletes nothing: its events
 * are sent again by the next one (at least once, in order).
 */
@Component
class CoreEventRounds {

    /** The advisory lock key of the outbox sender ("ficus-ce" in ASCII). */
    private static final long LOCK = 0x66696375732d6365L;

    private record Pending(long id, String key, String payload, Instant createdAt) {
    }

    private final KafkaTemplate<String, String> kafka;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final CoreEventsProperties settings;
    private final String topic;
    private final Counter published;
    private final Timer lag;
    /** Creation time of the oldest event known to wait (null when the outbox was empty at the last look). */
    private volatile Instant oldestWaiting;

    CoreEventRounds(KafkaTemplate<String, String> kafka, JdbcClient jdbc, PlatformTransactionManager transactions,
                    CoreProperties properties, CoreEventsProperties settings, MeterRegistry meters) {
        this.kafka = kafka;
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.settings = settings;
        this.topic = properties.topics().coreEvents();
        this.published = Counter.builder("ficus.core.events.published")
                .description("Integration events the broker acknowledged (an event sent again after a failed round counts again)")
                .register(meters);
        this.lag = Timer.builder("ficus.core.events.lag")
                .description("From an integration event written in the committing transaction to its acknowledgement by Kafka")
                .publishPercentiles(0.5, 0.99).register(meters);
    }

    /** Runs one round; returns how many events it sent (0 also when another instance holds the lock). */
    int run() {
        Integer sent = transaction.execute(status -> {
            if (!Boolean.TRUE.equals(jdbc.sql("select pg_try_advisory_xact_lock(?)").param(LOCK).query(Boolean.class).single())) {
                return 0; // another instance is sending
            }
            List<Pending> batch = jdbc.sql("select id, message_key, payload, created_at from core_event_outbox order by id limit ?")
                    .param(settings.batchSize())
                    .query((rs, n) -> new Pending(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant()))
                    .list();
            if (batch.isEmpty()) {
                oldestWaiting = null;
                return 0;
            }
            oldestWaiting = batch.get(0).createdAt();
            List<CompletableFuture<?>> acks = new ArrayList<>(batch.size());
            for (Pending event : batch) {
                acks.add(kafka.send(topic, event.key(), event.payload()));
            }
            awaitAll(acks);
            Instant acknowledged = Instant.now();
            jdbc.sql("delete from core_event_outbox where id = any(?)")
                    .param(batch.stream().mapToLong(Pending::id).boxed().toArray(Long[]::new))
                    .update();
            for (Pending event : batch) {
                lag.record(Duration.between(event.createdAt(), acknowledged));
            }
            published.increment(batch.size());
            return batch.size();
        });
        if (sent != null && sent < settings.batchSize()) {
            oldestWaiting = null;
        }
        return sent == null ? 0 : sent;
    }

    /** Age in seconds of the oldest event not yet on Kafka, as of the last round (0: none). */
    double oldestWaitingSeconds() {
        Instant oldest = oldestWaiting;
        return oldest == null ? 0 : Math.max(0, Duration.between(oldest, Instant.now()).toMillis() / 1000.0);
    }

    private void awaitAll(List<CompletableFuture<?>> acks) {
        try {
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(settings.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka's acknowledgements", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka refused an integration event", e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not acknowledge every integration event within " + settings.sendTimeout(), e);
        }
    }

    /**
     * A failed send is logged by topic and partition only, never with its key and value: values
     * carry users' password hashes.
     */
    @Bean
    static LoggingProducerListener<Object, Object> kafkaProducerListener() {
        var listener = new LoggingProducerListener<Object, Object>();
        listener.setIncludeContents(false);
        return listener;
    }
}
