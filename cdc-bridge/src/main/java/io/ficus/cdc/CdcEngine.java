package io.ficus.cdc;

import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.format.Json;
import io.ficus.contracts.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Runs the Debezium engine for as long as the application runs. */
@Component
class CdcEngine implements SmartLifecycle, HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(CdcEngine.class);

    private final CdcProperties properties;
    private final KafkaChangePublisher publisher;
    private final LegacyDatabaseCheck check;
    private final SnapshotProgress snapshot;
    private final CdcMetrics metrics;
    private final SlotMonitor slot;
    private ExecutorService executor;
    private DebeziumEngine<ChangeEvent<String, String>> engine;
    private volatile boolean running;
    private volatile Throwable failure;

    CdcEngine(CdcProperties properties, KafkaTemplate<String, String> kafka, CdcMetrics metrics,
              LegacyDatabaseCheck check, JsonMapper json, SlotMonitor slot, AcknowledgedHeartbeats heartbeats) {
        this.properties = properties;
        this.snapshot = new SnapshotProgress(metrics, properties.progressInterval());
        this.publisher = new KafkaChangePublisher(kafka, new Topics(properties.topicPrefix()), metrics, snapshot, json,
                properties.schema(), heartbeats);
        this.check = check;
        this.metrics = metrics;
        this.slot = slot;
    }

    @Override
    public void start() {
        check.verify(properties);
        if (snapshotPending()) {
            snapshot.begin(check.tableSizes(properties));
        }
        try {
            var parent = properties.offsetFile().toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the offset directory for " + properties.offsetFile(), e);
        }
        engine = DebeziumEngine.create(Json.class)
                .using(DebeziumSettings.from(properties))
                .notifying(publisher)
                .using((success, message, error) -> {
                    running = false;
                    if (!success) {
                        failure = error;
                        log.error("CDC engine stopped: {}", message, error);
                    } else {
                        log.info("CDC engine stopped: {}", message);
                    }
                })
                .build();
        executor = Executors.newSingleThreadExecutor(r -> new Thread(r, "ficus-cdc-engine"));
        running = true;
        executor.execute(engine);
        log.info("CDC engine started on {} (slot {}, tables {})", properties.database(), properties.slotName(), properties.tables());
    }

    /** An initial snapshot runs when no offsets were stored yet. */
    private boolean snapshotPending() {
        try {
            return !"never".equals(properties.snapshotMode()) && !"no_data".equals(properties.snapshotMode())
                    && (!Files.exists(properties.offsetFile()) || Files.size(properties.offsetFile()) == 0);
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public void stop() {
        running = false;
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
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public Health health() {
        if (running) {
            return Health.up().withDetail("slot", properties.slotName())
                    .withDetail("connected", slot.connected())
                    .withDetail("retainedWalBytes", slot.retainedBytes())
                    .withDetail("lastLagMillis", metrics.lastLagMillis()).build();
        }
        var down = Health.down();
        if (failure != null) {
            down.withDetail("error", failure.getMessage());
        }
        return down.build();
    }
}
