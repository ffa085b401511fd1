package io.ficus.adapter.outbound;

import io.ficus.contracts.CoreEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Reads {@code ticketing.core-events}; a record is acknowledged after its legacy write committed. */
@Component
class CoreEventListener {

    private final CoreEventWriter writer;
    private final JsonMapper json;

    CoreEventListener(CoreEventWriter writer, JsonMapper json) {
        this.writer = writer;
        this.json = json;
    }

    @KafkaListener(id = "legacy-adapter-outbound", topics = "#{@outboundTopics}")
    void on(ConsumerRecord<String, String> record) {
        if (record.value() != null) {
            writer.write(json.readValue(record.value(), CoreEvent.class));
        }
    }
}
