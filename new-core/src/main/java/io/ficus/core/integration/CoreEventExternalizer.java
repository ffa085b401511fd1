package io.ficus.core.integration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Sends the integration events of {@code core_event_outbox} to Kafka, from one thread, in rounds
 * ({@link CoreEventRounds}). A round is started at once by a commit that wrote events ({@link #wake()}) and otherwise
 * every {@code poll-interval}; a full round is followed by the next at once. A failed round (Kafka or the database
 * away, an acknowledgement missing after {@code send-timeout}) deletes nothing and is retried after an exponential
 * backoff ({@code initial-backoff} doubling up to {@code max-backoff}, Spring's {@link ExponentialBackOff}), without a
 * limit: an event is on Kafka at least once and, for one aggregate, first in the order of the commits. Health is DOWN
 * once rounds have failed for {@code down-after}.
 */
@Component
class CoreEventExternalizer implements SmartLifecycle, HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(CoreEventExternalizer.class);

    private final CoreEventRounds rounds;
    private final CoreEventsProperties settings;
    private final Counter failedRounds;

    private volatile Thread sender;
    private volatile boolean running;
    private volatile Instant failingSince;
    private volatile String lastFailure;

    CoreEventExternalizer(CoreEventRounds rounds, CoreEventsProperties settings, MeterRegistry meters) {
        this.rounds = rounds;
        this.settings = settings;
        this.failedRounds = Counter.builder("ficus.core.events.failed.rounds")
                .description("Rounds of integration events that failed (Kafka or the core database away) and were retried")
                .register(meters);
        Gauge.builder("ficus.core.events.oldest.waiting", rounds, CoreEventRounds::oldestWaitingSeconds)
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
        BackOffExecution backoff = null;
        while (running) {
            try {
                int sent = rounds.run();
                if (failingSince != null) {
                    log.info("Integration events flow to Kafka again (they had failed since {})", failingSince);
                }
                failingSince = null;
                lastFailure = null;
                backoff = null;
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
                if (backoff == null) {
                    var policy = new ExponentialBackOff(settings.initialBackoff().toMillis(), 2.0);
                    policy.setMaxInterval(settings.maxBackoff().toMillis());
                    backoff = policy.start();
                }
                pause(Duration.ofMillis(backoff.nextBackOff()));
            }
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
                    .withDetail("oldestWaitingSeconds", rounds.oldestWaitingSeconds()).build();
        }
        return Health.up().withDetail("oldestWaitingSeconds", rounds.oldestWaitingSeconds()).build();
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
}
