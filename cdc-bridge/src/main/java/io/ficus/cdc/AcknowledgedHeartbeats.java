package io.ficus.cdc;

import io.debezium.engine.ChangeEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The newest row of each id of the heartbeat table ({@value DebeziumSettings#HEARTBEAT_TABLE})
 * whose change was part of a batch Kafka acknowledged. Row 1 is the bridge's own heartbeat;
 * legacy-adapter's sync fence writes row 2 with a value that grows with every fence, and waits
 * until it is reported here: the stream is read in commit order and a batch is acknowledged only
 * after every earlier one, so by then every legacy change committed before the fence row is in
 * Kafka. Read by {@link PositionController}.
 */
@Component
class AcknowledgedHeartbeats {

    /**
     * One acknowledged heartbeat row.
     *
     * @param value          its {@code beat_at}
     * @param lsn            log position of the change
     * @param txId           the legacy transaction that wrote it
     * @param acknowledgedAt when Kafka acknowledged the batch that carried it
     */
    record Row(Instant value, long lsn, long txId, Instant acknowledgedAt) {
    }

    private static final String DESTINATION = DebeziumSettings.SERVER_NAME + "." + DebeziumSettings.HEARTBEAT_TABLE;

    private final JsonMapper json;
    private final Map<Integer, Row> rows = new ConcurrentHashMap<>();

    AcknowledgedHeartbeats(JsonMapper json) {
        this.json = json;
    }

    /** Called once Kafka acknowledged {@code records}, before the next batch is read. */
    void acknowledged(List<? extends ChangeEvent<String, String>> records, Instant at) {
        for (var record : records) {
            if (DESTINATION.equals(record.destination()) && record.value() != null) {
                JsonNode envelope = json.readTree(record.value());
                JsonNode after = envelope.path("after");
                if (after.isObject() && after.hasNonNull("id") && after.hasNonNull("beat_at")) {
                    JsonNode source = envelope.path("source");
                    var row = new Row(Instant.parse(after.get("beat_at").asString()), source.path("lsn").asLong(0),
                            source.path("txId").asLong(0), at);
                    rows.merge(after.get("id").asInt(), row, (old, now) -> now.value().isBefore(old.value()) ? old : now);
                }
            }
        }
    }

    /** The newest acknowledged row of each id, ordered by id. */
    Map<Integer, Row> rows() {
        return new TreeMap<>(rows);
    }
}
