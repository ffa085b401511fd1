package io.ficus.core.legacy;

import io.ficus.contracts.LegacyChange;
import io.ficus.core.shared.FollowUps;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads {@code ticketing.legacy-changes} a poll at a time: the whole batch is applied in one
 * transaction (each partition's records in their order) and acknowledged after it committed.
 * When that transaction fails, the batch is applied again one change per transaction, so that
 * the changes before a failing one are kept and only that one is handed to the error handler:
 * retried without a limit when it failed for a transient reason, set aside on the dead-letter
 * topic when it can never be applied ({@link SyncFailures}).
 * Meters: {@code ficus.core.legacy.changes} (applied, or skipped as a duplicate or older than
 * what is stored) and {@code ficus.core.legacy.lag} (from the legacy commit to the core's, for
 * streamed changes; snapshot reads carry the snapshot's time, not a commit's).
 */
@Component
class LegacyChangeListener {

    private static final Logger log = LoggerFactory.getLogger(LegacyChangeListener.class);

    private final LegacyChangeApplier applier;
    private final JsonMapper json;
    private final Counter applied;
    private final Counter skipped;
    private final Timer lag;
    private final ConsumerRetries retries;

    LegacyChangeListener(LegacyChangeApplier applier, JsonMapper json, MeterRegistry meters, ConsumerRetries retries) {
        this.retries = retries;
        this.applier = applier;
        this.json = json;
        this.applied = changes(meters, "applied");
        this.skipped = changes(meters, "skipped");
        this.lag = Timer.builder("ficus.core.legacy.lag")
                .description("From a streamed change's legacy commit to its commit in the core")
                .publishPercentileHistogram()
                .register(meters);
    }

    private static Counter changes(MeterRegistry meters, String outcome) {
        return Counter.builder("ficus.core.legacy.changes")
                .description("Legacy changes read by the core: applied, or skipped as a duplicate or older than what is stored")
                .tag("outcome", outcome)
                .register(meters);
    }

    @KafkaListener(id = "new-core-legacy-changes", topics = "#{@legacyChangeTopics}", batch = "true",
            concurrency = "#{@legacyChangeConsumers}")
    void on(List<ConsumerRecord<String, String>> records) {
        List<LegacyChange> changes = new ArrayList<>(records.size());
        List<Integer> indexes = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            ConsumerRecord<String, String> record = records.get(i);
            if (record.value() == null) {
                continue;
            }
            try {
                changes.add(json.readValue(record.value(), LegacyChange.class));
            } catch (RuntimeException e) {
                apply(changes, indexes);
                throw new BatchListenerFailedException("unreadable legacy change",
                        new PoisonRecordException("unreadable legacy change", e), i);
            }
            indexes.add(i);
        }
        apply(changes, indexes);
        retries.handled(records);
    }

    /** In one transaction, or one per change when that fails ({@code indexes}: each change's record in the batch). */
    private void apply(List<LegacyChange> changes, List<Integer> indexes) {
        if (changes.isEmpty()) {
            return;
        }
        try {
            int count = FollowUps.run(() -> applier.applyAll(changes));
            committed(changes, count);
        } catch (RuntimeException e) {
            log.warn("Applying {} legacy changes in one transaction failed ({}); applying them one by one", changes.size(),
                    e.getClass().getSimpleName());
            applyOneByOne(changes, indexes);
        }
    }

    private void committed(List<LegacyChange> changes, int count) {
        applied.increment(count);
        skipped.increment(changes.size() - count);
        Instant now = Instant.now();
        for (LegacyChange change : changes) {
            if (!change.source().snapshot() && change.source().commitTime() != null) {
                lag.record(Duration.between(change.source().commitTime(), now));
            }
        }
    }

    private void applyOneByOne(List<LegacyChange> changes, List<Integer> indexes) {
        for (int i = 0; i < changes.size(); i++) {
            LegacyChange change = changes.get(i);
            boolean done;
            try {
                done = FollowUps.run(() -> applier.apply(change));
            } catch (RuntimeException e) {
                RuntimeException cause = SyncFailures.classify(e) == SyncFailures.Kind.POISON
                        ? new PoisonRecordException("legacy change can never be applied", e) : e;
                throw new BatchListenerFailedException("legacy change " + change.eventId() + " failed", cause, indexes.get(i));
            }
            committed(List.of(change), done ? 1 : 0);
        }
    }
}
