package io.ficus.adapter.inbound;

import io.ficus.contracts.ChangeKind;
import io.ficus.contracts.EntityState;
import io.ficus.contracts.EntityType;
import io.ficus.contracts.LegacyChange;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * Translates the row changes of one legacy table. Implementations say how to read the id,
 * whether a row counts as deleted (hard delete, or a soft-delete flag), and how a live row
 * reads as canonical state.
 */
abstract class RowMapper {

    private final String table;
    private final EntityType type;
    private final String idColumn;
    private final String updatedColumn;

    RowMapper(String table, EntityType type, String idColumn, String updatedColumn) {
        this.table = table;
        this.type = type;
        this.idColumn = idColumn;
        this.updatedColumn = updatedColumn;
    }

    final String table() {
        return table;
    }

    final EntityType type() {
        return type;
    }

    final String idColumn() {
        return idColumn;
    }

    final String updatedColumn() {
        return updatedColumn;
    }

    final LegacyChange map(RowChange change) {
        JsonNode row = change.row();
        UUID id = LegacyValues.uuid(row, idColumn);
        if (id == null) {
            throw new UntranslatableRowException(table, "has no " + idColumn);
        }
        // Deterministic: a redelivered row change gets the same event id.
        UUID eventId = UUID.nameUUIDFromBytes((table + ":" + id + ":" + change.op() + ":" + change.source().lsn()
                + ":" + change.source().txId()).getBytes(StandardCharsets.UTF_8));
        if (change.isDelete() || softDeleted(row)) {
            return new LegacyChange(eventId, type, id, ChangeKind.DELETED, change.source(), null);
        }
        return new LegacyChange(eventId, type, id, ChangeKind.UPSERTED, change.source(), state(id, row));
    }

    /** An SQL condition true for rows that are not soft-deleted. */
    String liveCondition() {
        return "true";
    }

    /** Whether a row that still exists counts as deleted; only tables with a delete flag say yes. */
    boolean softDeleted(JsonNode row) {
        return false;
    }

    abstract EntityState state(UUID id, JsonNode row);
}
