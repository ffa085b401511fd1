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

/**
 * Publishes each batch of row changes to Kafka and only then marks it processed, so an
 * offset is never stored for a change Kafka has not acknowledged.
 */
final class KafkaChangePublisher implements DebeziumEngine.ChangeConsumer<ChangeEvent<String, String>> {

    private final KafkaTemplate<String, String> kafka;
    private final Topics topics;
    private final CdcMetrics metrics;
    private final SnapshotProgress snapshot;
    private final String destinationPrefix;
    private final AcknowledgedHeartbeats heartbeats;
    private final java.util.function.Consumer<Boolean> onPublished;

    KafkaChangePublisher(KafkaTemplate<String, String> kafka, Topics topics, CdcMetrics metrics,
                         SnapshotProgress snapshot, String schema, AcknowledgedHeartbeats heartbeats,
                         java.util.function.Consumer<Boolean> onPublished) {
        this.onPublished = onPublished;
        this.heartbeats = heartbeats;
        this.kafka = kafka;
        this.topics = topics;
        this.metrics = metrics;
        this.snapshot = snapshot;
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
        Envelope envelope = Envelope.read(value);
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
     * {@code source.snapshot}. Every published change passes here, so they are found by a scan of the text instead of
     * a JSON parser (which cost a tenth of the bridge's CPU during a snapshot, as much as a second conversion): Debezium's
     * JSON converter writes the envelope's fields in its schema's order ({@code before}, {@code after}, {@code source},
     * {@code transaction}, {@code op}, {@code ts_ms}), so the last {@code "source":{} is the envelope's own, and its
     * {@code ts_ms} and {@code snapshot} are the first ones after it. Inside a JSON string every quote is escaped, so
     * a row value can never look like one of these names; a column of the same name sits in a row image, before
     * {@code source}.
     */
    record Envelope(String op, long committedMillis, String snapshot) {

        private static final String SOURCE = "\"source\":{";
        private static final String OP = "\"op\":\"";
        private static final String TS_MS = "\"ts_ms\":";
        private static final String SNAPSHOT = "\"snapshot\":\"";

        static Envelope read(String value) {
            int source = value.lastIndexOf(SOURCE);
            int op = value.lastIndexOf(OP);
            if (op < source) {
                op = -1;
            }
            String operation = op < 0 ? "" : stringAt(value, op + OP.length());
            long committed = -1;
            String snapshot = null;
            if (source >= 0) {
                int limit = op < 0 ? value.length() : op;
                int ts = value.indexOf(TS_MS, source);
                if (ts >= 0 && ts < limit) {
                    committed = longAt(value, ts + TS_MS.length());
                }
                int marker = value.indexOf(SNAPSHOT, source);
                if (marker >= 0 && marker < limit) {
                    snapshot = stringAt(value, marker + SNAPSHOT.length());
                }
            }
            return new Envelope(operation, committed, snapshot);
        }

        /** The text from {@code from} to the next quote (the values read here hold no escapes). */
        private static String stringAt(String value, int from) {
            int end = value.indexOf('"', from);
            return end < 0 ? "" : value.substring(from, end);
        }

        /** The integer at {@code from}; -1 when there is none (a null). */
        private static long longAt(String value, int from) {
            long result = 0;
            int i = from;
            while (i < value.length() && Character.isDigit(value.charAt(i))) {
                result = result * 10 + (value.charAt(i) - '0');
                i++;
            }
            return i == from ? -1 : result;
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
