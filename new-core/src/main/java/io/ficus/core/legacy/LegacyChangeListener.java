package io.ficus.core.legacy;

import io.ficus.contracts.LegacyChange;
import io.ficus.core.shared.FollowUps;
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
 * the changes before a failing one are kept and only that one is retried by the error handler.
 */
@Component
class LegacyChangeListener {

    private static final Logger log = LoggerFactory.getLogger(LegacyChangeListener.class);

    private final LegacyChangeApplier applier;
    private final JsonMapper json;

    LegacyChangeListener(LegacyChangeApplier applier, JsonMapper json) {
        this.applier = applier;
        this.json = json;
    }

    @KafkaListener(id = "new-core-legacy-changes", topics = "#{@legacyChangeTopics}", batch = "true")
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
                applyOneByOne(changes, indexes);
                throw new BatchListenerFailedException("unreadable legacy change", e, i);
            }
            indexes.add(i);
        }
        try {
            FollowUps.run(() -> applier.applyAll(changes));
        } catch (RuntimeException e) {
            log.warn("Applying {} legacy changes in one transaction failed ({}); applying them one by one", changes.size(),
                    e.getClass().getSimpleName());
            applyOneByOne(changes, indexes);
        }
    }

    private void applyOneByOne(List<LegacyChange> changes, List<Integer> indexes) {
        for (int i = 0; i < changes.size(); i++) {
            LegacyChange change = changes.get(i);
            try {
                FollowUps.run(() -> applier.apply(change));
            } catch (RuntimeException e) {
                throw new BatchListenerFailedException("legacy change " + change.eventId() + " failed", e, indexes.get(i));
            }
        }
    }
}
