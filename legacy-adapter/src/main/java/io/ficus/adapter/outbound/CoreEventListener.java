package io.ficus.adapter.outbound;

import io.ficus.adapter.faults.ConsumerRetries;
import io.ficus.adapter.faults.PoisonRecordException;
import io.ficus.adapter.faults.SyncFailures;
import io.ficus.contracts.CoreEvent;
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
 * Reads {@code ticketing.core-events} a poll at a time: the poll's events are written in one transaction
 * ({@link CoreEventWriter#writeAll}) and acknowledged after it committed. When that transaction fails, they are written
 * again one per transaction, so that the events before a failing one are kept and only that one is handed to the error
 * handler. A record that can never be written (unreadable, a constraint of the legacy schema that will never hold) is
 * set aside on the dead-letter topic; any other failure (the legacy database away, a lock timeout) is retried until it
 * passes, while the partition waits.
 */
@Component
class CoreEventListener {

    private static final Logger log = LoggerFactory.getLogger(CoreEventListener.class);

    private final CoreEventWriter writer;
    private final JsonMapper json;
    private final ConsumerRetries retries;

    CoreEventListener(CoreEventWriter writer, JsonMapper json, ConsumerRetries retries) {
        this.writer = writer;
        this.json = json;
        this.retries = retries;
    }

    @KafkaListener(id = "legacy-adapter-outbound", topics = "#{@outboundTopics}", batch = "true")
    void on(List<ConsumerRecord<String, String>> records) {
        List<CoreEvent> events = new ArrayList<>(records.size());
        List<Integer> indexes = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            var record = records.get(i);
            if (record.value() == null) {
                continue;
            }
            try {
                events.add(json.readValue(record.value(), CoreEvent.class));
            } catch (RuntimeException e) {
                write(events, indexes);
                throw new BatchListenerFailedException("unreadable core event",
                        new PoisonRecordException("cannot be written into the legacy", e), i);
            }
            indexes.add(i);
        }
        write(events, indexes);
        retries.handled(records);
    }

    /** In one transaction, or one per event when that fails ({@code indexes}: each event's record in the poll). */
    private void write(List<CoreEvent> events, List<Integer> indexes) {
        if (events.isEmpty()) {
            return;
        }
        try {
            writer.writeAll(events);
            return;
        } catch (RuntimeException e) {
            if (events.size() == 1) {
                throw failed(e, indexes.get(0));
            }
            log.warn("Writing {} core events in one transaction failed ({}); writing them one by one", events.size(),
                    e.getClass().getSimpleName());
        }
        for (int i = 0; i < events.size(); i++) {
            try {
                writer.write(events.get(i));
            } catch (RuntimeException e) {
                throw failed(e, indexes.get(i));
            }
        }
    }

    private static BatchListenerFailedException failed(RuntimeException e, int index) {
        RuntimeException cause = SyncFailures.classify(e) == SyncFailures.Kind.POISON
                ? new PoisonRecordException("cannot be written into the legacy", e) : e;
        return new BatchListenerFailedException("core event cannot be written yet", cause, index);
    }
}
