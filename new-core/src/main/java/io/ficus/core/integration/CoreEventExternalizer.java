package io.ficus.core.integration;

import io.ficus.core.CoreProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends the integration events of {@code core_event_outbox} to Kafka, from one thread, in rounds: read up to
 * {@code batch-size} events in id order (the order of their aggregates' commits), send them all without waiting, wait
 * for every acknowledgement, delete them in one statement and commit. A round is started at once by a commit that wrote
 * events ({@link #wake()}) and otherwise every {@code poll-interval}. A failed round (Kafka or the database away, an
 * acknowledgement missing after {@code send-timeout}) deletes nothing and is retried after a backoff, without a limit:
 * an event is on Kafka at least once and, for one aggregate, first in the order of the commits. Only one instance sends
 * at a time (a transaction-scoped advisory lock), so that order holds across instances too.
 */
@Component
class CoreEventExternalizer implements SmartLifecycle, HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(CoreEventExternalizer.class);
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
    private final Counter failedRounds;
    private final Timer lag;

    private volatile Thread sender;
    private volatile boolean running;
    /** Creation time of the oldest event known to wait (null when the outbox was empty at the last look). */
    private volatile Instant oldestWaiting;
    private volatile Instant failingSince;
    private volatile String lastFailure;

    CoreEventExternalizer(KafkaTemplate<String, String> kafka, JdbcClient jdbc, PlatformTransactionManager transactions,
                          CoreProperties properties, CoreEventsProperties settings, MeterRegistry meters) {
        this.kafka = kafka;
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.settings = settings;
        this.topic = properties.topics().coreEvents();
        this.published = Counter.builder("ficus.core.events.published")
                .description("Integration events the broker acknowledged (an event sent again after a failed round counts again)")
                .register(meters);
        this.failedRounds = Counter.builder("ficus.core.events.failed.rounds")
                .description("Rounds of integration events that failed (Kafka or the core database away) and were retried")
                .register(meters);
        this.lag = Timer.builder("ficus.core.events.lag")
                .description("From an integration event written in the committing transaction to its acknowledgement by Kafka")
                .publishPercentiles(0.5, 0.99).register(meters);
        Gauge.builder("ficus.core.events.oldest.waiting", this, e -> e.oldestWaitingSeconds())
                .description("Age in seconds of the oldest integration event not yet on Kafka, as of the last round (0: none)")
                .baseUnit("seconds").register(meters);
        Gauge.builder("ficus.core.events.failing", this, e -> e.failingSince == null ? 0
                        : Duration.between(e.failingSince, Instant.now()).toMillis() / 1000.0)
                .description("For how many seconds the rounds of integration events have failed in a row (0: the last one succeeded)")
                .baseUnit("seconds").register(meters);
    }

    /** Starts a round now (or right after the current one): a transaction that wrote events committed. */
    void wake() {
        Thread t = sender;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    private void loop() {
        Duration backoff = settings.initialBackoff();
        while (running) {
            try {
                int sent = round();
                if (failingSince != null) {
                    log.info("Integration events flow to Kafka again (they had failed since {})", failingSince);
                }
                failingSince = null;
                lastFailure = null;
                backoff = settings.initialBackoff();
                if (sent < settings.batchSize() && running) {
                    // Returns at once when a commit woke the sender since the last round.
                    LockSupport.parkNanos(this, settings.pollInterval().toNanos());
                }
            } catch (RuntimeException | Error e) {
                failedRounds.increment();
                if (failingSince == null) {
                    failingSince = Instant.now();
                    log.warn("Sending integration events to Kafka failed; retrying without a limit, at most every {}: {}",
                            settings.maxBackoff(), reason(e));
                } else {
                    log.debug("Sending integration events to Kafka failed again: {}", reason(e));
                }
                lastFailure = reason(e);
                pause(backoff);
                backoff = backoff.multipliedBy(2).compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : backoff.multipliedBy(2);
            }
        }
    }

    /** One round, in one transaction; returns how many events it sent. */
    private int round() {
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

    private void awaitAll(List<CompletableFuture<?>> acks) {
        try {
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(settings.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka's acknowledgements", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("Kafka refused an integration event", e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Kafka did not acknowledge every integration event within " + settings.sendTimeout(), e);
        }
    }

    /** Waits {@code pause}; a commit does not cut it short (Kafka is away), a stop does. */
    private void pause(Duration pause) {
        long deadline = System.nanoTime() + pause.toNanos();
        long left;
        while (running && (left = deadline - System.nanoTime()) > 0) {
            LockSupport.parkNanos(this, left);
        }
    }

    private double oldestWaitingSeconds() {
        Instant oldest = oldestWaiting;
        return oldest == null ? 0 : Math.max(0, Duration.between(oldest, Instant.now()).toMillis() / 1000.0);
    }

    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        // The class and message only: never a record's key or value (values carry users' password hashes).
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    @Override
    public Health health() {
        Instant since = failingSince;
        if (since != null && Duration.between(since, Instant.now()).compareTo(settings.downAfter()) >= 0) {
            return Health.down().withDetail("waiting", "integration events cannot be sent to Kafka since " + since
                            + "; retried without a limit, nothing is lost")
                    .withDetail("error", String.valueOf(lastFailure))
                    .withDetail("oldestWaitingSeconds", oldestWaitingSeconds()).build();
        }
        return Health.up().withDetail("oldestWaitingSeconds", oldestWaitingSeconds()).build();
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        Thread t = new Thread(this::loop, "core-events-sender");
        t.setDaemon(true);
        sender = t;
        t.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        Thread t = sender;
        if (t != null) {
            LockSupport.unpark(t);
            try {
                t.join(settings.sendTimeout().plusSeconds(5).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        sender = null;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * A failed send is logged by topic and partition only, never with its key and value: values
     * carry users' password hashes.
     */
    @Bean
    static org.springframework.kafka.support.LoggingProducerListener<Object, Object> kafkaProducerListener() {
        var listener = new org.springframework.kafka.support.LoggingProducerListener<Object, Object>();
        listener.setIncludeContents(false);
        return listener;
    }
}
