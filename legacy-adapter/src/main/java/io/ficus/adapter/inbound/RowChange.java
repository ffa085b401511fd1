package io.ficus.adapter.inbound;

import io.ficus.contracts.SourcePosition;
import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * One raw row change as cdc-bridge publishes it (Debezium's JSON envelope without schema).
 *
 * @param op     {@code r} snapshot read, {@code c} insert, {@code u} update, {@code d} delete
 * @param before the row before the change (primary key only, unless REPLICA IDENTITY FULL); null on insert
 * @param after  the row after the change; null on delete
 * @param table  the legacy table, lower case
 * @param source where in the legacy log the change was read
 */
record RowChange(String op, JsonNode before, JsonNode after, String table, SourcePosition source) {

    static RowChange parse(JsonNode envelope) {
        JsonNode src = envelope.path("source");
        String snapshot = src.path("snapshot").asString("false");
        var position = new SourcePosition(
                src.path("lsn").asLong(0),
                src.path("txId").asLong(0),
                Instant.ofEpochMilli(src.path("ts_ms").asLong(0)),
                !"false".equals(snapshot));
        return new RowChange(envelope.path("op").asString(), nullIfMissing(envelope.get("before")),
                nullIfMissing(envelope.get("after")), src.path("table").asString(), position);
    }

    private static JsonNode nullIfMissing(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? null : node;
    }

    boolean isDelete() {
        return "d".equals(op);
    }

    /** The row that identifies the entity: after the change, or before it for a delete. */
    JsonNode row() {
        return after != null ? after : before;
    }
}
