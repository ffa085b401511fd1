package io.ficus.adapter.outbound;

import io.ficus.adapter.faults.ConsumerRetries;
import io.ficus.adapter.faults.PoisonRecordException;
import io.ficus.adapter.faults.SyncFailures;
import io.ficus.contracts.CoreEvent;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads {@code ticketing.core-events}; a record is acknowledged after its legacy write committed.
 * A record that can never be written (unreadable, a constraint of the legacy schema that will
 * never hold) is set aside on the dead-letter topic; any other failure (the legacy database
 * away, a lock timeout) is retried until it passes, while the partition waits.
 */
@Component
class CoreEventListener {

    private final CoreEventWriter writer;
    private final JsonMapper json;
    private final ConsumerRetries retries;

    CoreEventListener(CoreEventWriter writer, JsonMapper json, ConsumerRetries retries) {
        this.writer = writer;
        this.json = json;
        this.retries = retries;
    }

    @KafkaListener(id = "legacy-adapter-outbound", topics = "#{@outboundTopics}")
    void on(ConsumerRecord<String, String> record) {
        if (record.value() != null) {
            try {
                writer.write(json.readValue(record.value(), CoreEvent.class));
            } catch (RuntimeException e) {
                if (SyncFailures.classify(e) == SyncFailures.Kind.POISON) {
                    throw new PoisonRecordException("cannot be written into the legacy", e);
                }
                throw e;
            }
        }
        retries.handled(List.of(record));
    }
}
