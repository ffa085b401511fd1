package io.ficus.core.legacy;

import io.ficus.contracts.LegacyChange;
import io.ficus.core.shared.FollowUps;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads {@code ticketing.legacy-changes}; a record is acknowledged after its change committed and
 * the read models it feeds were updated.
 */
@Component
class LegacyChangeListener {

    private final LegacyChangeApplier applier;
    private final JsonMapper json;

    LegacyChangeListener(LegacyChangeApplier applier, JsonMapper json) {
        this.applier = applier;
        this.json = json;
    }

    @KafkaListener(id = "new-core-legacy-changes", topics = "#{@legacyChangeTopics}")
    void on(ConsumerRecord<String, String> record) {
        if (record.value() != null) {
            LegacyChange change = json.readValue(record.value(), LegacyChange.class);
            FollowUps.run(() -> applier.apply(change));
        }
    }
}
