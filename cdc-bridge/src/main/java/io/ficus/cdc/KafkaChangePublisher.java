package io.ficus.cdc;

import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import io.ficus.contracts.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes each batch of row changes to Kafka and only then marks it processed, so an
 * offset is never stored for a change Kafka has not acknowledged.
 */
final class KafkaChangePublisher implements DebeziumEngine.ChangeConsumer<ChangeEvent<String, String>> {

    private final KafkaTemplate<String, String> kafka;
    private final Topics topics;
    private final CdcMetrics metrics;
    private final SnapshotProgress snapshot;
    private final JsonMapper json;
    private final String destinationPrefix;
    private final AcknowledgedHeartbeats heartbeats;
    private final java.util.function.Consumer<Boolean> onPublished;

    KafkaChangePublisher(KafkaTemplate<String, String> kafka, Topics topics, CdcMetrics metrics,
                         SnapshotProgress snapshot, JsonMapper json, String schema, AcknowledgedHeartbeats heartbeats,
                         java.util.function.Consumer<Boolean> onPublished) {
        this.onPublished = onPublished;
        this.heartbeats = heartbeats;
        this.kafka = kafka;
        this.topics = topics;
        this.metrics = metrics;
        this.snapshot = snapshot;
        this.json = json;
        this.destinationPrefix = DebeziumSettings.SERVER_NAME + "." + schema + ".";
    }

    @Override
    public void handleBatch(List<ChangeEvent<String, String>> records,
                            DebeziumEngine.RecordCommitter<ChangeEvent<String, String>> committer)
            throws InterruptedException {
        List<CompletableFuture<SendResult<String, String>>> sends = new ArrayList<>(records.size());
        for (var record : records) {
            String table = tableOf(record.destination());
            if (table != null && record.value() != null) {
                sends.add(kafka.send(new ProducerRecord<>(topics.legacyCdc(table), record.key(), record.value())));
            }
        }
        try {
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get();
        } catch (ExecutionException e) {
            // Nothing of this batch is marked processed: the engine stops and is restarted after a backoff
            // (CdcEngine), reading the batch again.
            throw new IllegalStateException("Kafka refused a change; the batch will be read again", e.getCause());
        }
        long acknowledged = System.currentTimeMillis();
        for (var record : records) {
            committer.markProcessed(record);
        }
        committer.markBatchFinished();
        onPublished.accept(!sends.isEmpty());
        for (var record : records) {
            if (record.value() != null) {
                account(tableOf(record.destination()), record.value(), acknowledged);
            }
        }
        heartbeats.acknowledged(records, java.time.Instant.ofEpochMilli(acknowledged));
    }

    /**
     * Counts a published change (table null: the bridge's heartbeat row, or a heartbeat record).
     * The snapshot is over at its last record, or at the first streamed change of any table.
     */
    private void account(String table, String value, long acknowledgedMillis) {
        Envelope envelope = Envelope.read(json, value);
        String op = envelope.op();
        boolean snapshotRead = "r".equals(op);
        // Debezium's own heartbeat records carry no op: they neither count nor end the snapshot.
        boolean streamed = "c".equals(op) || "u".equals(op) || "d".equals(op);
        if (table != null) {
            metrics.published(table, 1);
            if (snapshotRead) {
                snapshot.read(table, 1);
            } else if (streamed) {
                long committed = envelope.committedMillis() < 0 ? acknowledgedMillis : envelope.committedMillis();
                metrics.lag(Duration.ofMillis(Math.max(0, acknowledgedMillis - committed)));
            }
        }
        if (streamed || "last".equals(envelope.snapshot())) {
            snapshot.finish();
        }
    }

    /**
     * The fields of a change's envelope the bridge counts by: {@code op}, {@code source.ts_ms} (-1 when absent) and
     * {@code source.snapshot}. Read with a streaming parser that skips the row images ({@code before}, {@code after}):
     * every published change passes here, and building its whole tree cost as much as a second conversion.
     */
    record Envelope(String op, long committedMillis, String snapshot) {

        static Envelope read(JsonMapper json, String value) {
            String op = "";
            long committed = -1;
            String snapshot = null;
            try (JsonParser parser = json.createParser(value)) {
                if (parser.nextToken() != JsonToken.START_OBJECT) {
                    return new Envelope(op, committed, snapshot);
                }
                while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                    String name = parser.currentName();
                    JsonToken token = parser.nextToken();
                    if ("op".equals(name)) {
                        op = token == JsonToken.VALUE_STRING ? parser.getString() : "";
                    } else if ("source".equals(name) && token == JsonToken.START_OBJECT) {
                        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                            String field = parser.currentName();
                            JsonToken fieldToken = parser.nextToken();
                            if ("ts_ms".equals(field) && fieldToken == JsonToken.VALUE_NUMBER_INT) {
                                committed = parser.getLongValue();
                            } else if ("snapshot".equals(field) && fieldToken == JsonToken.VALUE_STRING) {
                                snapshot = parser.getString();
                            } else {
                                parser.skipChildren();
                            }
                        }
                    } else {
                        parser.skipChildren();
                    }
                }
            }
            return new Envelope(op, committed, snapshot);
        }
    }

    /**
     * {@code legacy.public.tkt_ticket} is table {@code tkt_ticket}; heartbeat records and the
     * heartbeat table's changes are not published.
     */
    String tableOf(String destination) {
        if (destination == null || !destination.startsWith(destinationPrefix)) {
            return null;
        }
        return destination.substring(destinationPrefix.length());
    }
}
