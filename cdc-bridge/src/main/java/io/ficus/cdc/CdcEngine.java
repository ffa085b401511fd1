package io.ficus.cdc;

import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.format.Json;
import io.ficus.contracts.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Runs the Debezium engine for as long as the application runs. An engine that stops on a
 * failure (Kafka away longer than the producer's delivery timeout, the legacy database away
 * longer than Debezium's own retries) is restarted from its last stored offsets after a backoff
 * ({@code ficus.cdc.restart-initial-backoff}, doubled per failed restart up to
 * {@code ficus.cdc.restart-max-backoff}), for as long as it takes; meanwhile health is DOWN with
 * the reason and the time of the next attempt, {@code ficus.cdc.engine.running} is 0 and
 * {@code ficus.cdc.engine.restarts} counts the restarts. The replication slot keeps the WAL
 * meanwhile ({@code ficus.cdc.slot.retained}).
 */
@Component
class CdcEngine implements SmartLifecycle, HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(CdcEngine.class);

    private final CdcProperties properties;
    private final KafkaChangePublisher publisher;
    private final LegacyDatabaseCheck check;
    private final SnapshotProgress snapshot;
    private final CdcMetrics metrics;
    private final SlotMonitor slot;
    private final Counter restarts;
    private ExecutorService executor;
    private ScheduledExecutorService restarter;
    private ScheduledFuture<?> nextRestart;
    private DebeziumEngine<ChangeEvent<String, String>> engine;
    private volatile boolean lifecycleRunning;
    private volatile boolean running;
    private volatile boolean stopping;
    private volatile Throwable failure;
    private volatile Instant restartAt;
    private volatile int failedStarts;
    /** Set by a failure, cleared by the next batch the engine finishes: until then health stays DOWN. */
    private volatile boolean recovering;

    CdcEngine(CdcProperties properties, KafkaTemplate<String, String> kafka, CdcMetrics metrics,
              LegacyDatabaseCheck check, SlotMonitor slot, AcknowledgedHeartbeats heartbeats,
              MeterRegistry meters) {
        this.properties = properties;
        this.snapshot = new SnapshotProgress(metrics, properties.progressInterval());
        this.publisher = new KafkaChangePublisher(kafka, new Topics(properties.topicPrefix()), metrics, snapshot,
                properties.schema(), heartbeats, this::batchFinished);
        this.check = check;
        this.metrics = metrics;
        this.slot = slot;
        this.restarts = Counter.builder("ficus.cdc.engine.restarts")
                .description("Restarts of the CDC engine after it stopped on a failure (Kafka or the legacy database away)")
                .register(meters);
        Gauge.builder("ficus.cdc.engine.running", this, e -> e.running ? 1 : 0)
                .description("Whether the CDC engine runs (0: waiting to restart after a failure)").register(meters);
    }

    @Override
    public void start() {
        check.verify(properties);
        stopping = false;
        executor = Executors.newSingleThreadExecutor(r -> new Thread(r, "ficus-cdc-engine"));
        restarter = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "ficus-cdc-restarter"));
        lifecycleRunning = true;
        launch();
    }

    /**
     * A batch was handed to Kafka and acknowledged ({@code published}: it held changes): the
     * engine streams again; the restart backoff starts over once Kafka took changes again.
     */
    private void batchFinished(boolean published) {
        recovering = false;
        if (published) {
            failedStarts = 0;
        }
    }

    /** Builds an engine and runs it; its completion schedules the next one when it failed. */
    private synchronized void launch() {
        if (stopping) {
            return;
        }
        restartAt = null;
        if (snapshotPending()) {
            snapshot.begin(check.tableSizes(properties));
        }
        if (properties.offsetStorage() == CdcProperties.OffsetStorage.FILE) {
            try {
                var parent = properties.offsetFile().toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot create the offset directory for " + properties.offsetFile(), e);
            }
        }
        engine = DebeziumEngine.create(Json.class)
                .using(DebeziumSettings.from(properties))
                .notifying(publisher)
                .using((success, message, error) -> stopped(success, message, error))
                .build();
        running = true;
        executor.execute(engine);
        log.info("CDC engine started on {} (slot {}, tables {}, offsets in {})", properties.database(), properties.slotName(),
                properties.tables(), properties.offsetStorage() == CdcProperties.OffsetStorage.FILE ? properties.offsetFile()
                        : DebeziumSettings.OWN_SCHEMA + "." + properties.offsetTable());
    }

    private void stopped(boolean success, String message, Throwable error) {
        running = false;
        if (stopping) {
            log.info("CDC engine stopped: {}", message);
            return;
        }
        failure = error != null ? error : new IllegalStateException(message);
        recovering = true;
        scheduleRestart(message);
    }

    private synchronized void scheduleRestart(String why) {
        if (stopping) {
            return;
        }
        Duration delay = backoff(failedStarts++);
        restartAt = Instant.now().plus(delay);
        log.error("CDC engine stopped: {} ({}); restarting in {} (restart {} since the last published batch)", why,
                failure == null ? "no error" : rootMessage(failure), delay, failedStarts);
        nextRestart = restarter.schedule(() -> {
            restarts.increment();
            try {
                check.verify(properties);
                launch();
            } catch (RuntimeException e) {
                failure = e;
                scheduleRestart("could not restart");
            }
        }, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The wait before restart number {@code attempt} (0-based): doubled per failed restart, capped. */
    Duration backoff(int attempt) {
        long initial = properties.restartInitialBackoff().toMillis();
        long max = properties.restartMaxBackoff().toMillis();
        long delay = attempt >= 30 ? max : Math.min(max, initial << attempt);
        return Duration.ofMillis(delay);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    /** An initial snapshot runs when no offsets were stored yet. */
    private boolean snapshotPending() {
        if ("never".equals(properties.snapshotMode()) || "no_data".equals(properties.snapshotMode())) {
            return false;
        }
        if (properties.offsetStorage() == CdcProperties.OffsetStorage.JDBC) {
            return !check.offsetsStored(properties);
        }
        try {
            return !Files.exists(properties.offsetFile()) || Files.size(properties.offsetFile()) == 0;
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public void stop() {
        synchronized (this) {
            stopping = true;
            if (nextRestart != null) {
                nextRestart.cancel(false);
            }
        }
        if (restarter != null) {
            restarter.shutdownNow();
        }
        if (engine != null) {
            try {
                engine.close();
            } catch (IOException e) {
                log.warn("CDC engine did not close cleanly", e);
            }
        }
        if (executor != null) {
            executor.shutdown();
            try {
                executor.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        running = false;
        lifecycleRunning = false;
    }

    @Override
    public boolean isRunning() {
        return lifecycleRunning;
    }

    @Override
    public Health health() {
        if (running && !recovering) {
            return Health.up().withDetail("slot", properties.slotName())
                    .withDetail("connected", slot.connected())
                    .withDetail("retainedWalBytes", slot.retainedBytes())
                    .withDetail("lastLagMillis", metrics.lastLagMillis()).build();
        }
        var down = Health.down();
        if (failure != null) {
            down.withDetail("error", rootMessage(failure));
        }
        Instant next = restartAt;
        if (next != null) {
            down.withDetail("waiting", "the engine stopped on a failure (Kafka or the legacy database away?); restarting at "
                    + next + " from the last stored offsets");
        } else if (running && recovering) {
            down.withDetail("waiting", "the engine was restarted after a failure and waits for its first batch to be "
                    + "acknowledged (Kafka or the legacy database still away?)");
        }
        return down.withDetail("retainedWalBytes", slot.retainedBytes()).build();
    }
}
