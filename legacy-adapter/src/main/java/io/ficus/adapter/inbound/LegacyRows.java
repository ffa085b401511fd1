package io.ficus.adapter.inbound;

import io.ficus.contracts.EntityState;
import io.ficus.contracts.EntityType;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads legacy rows fetched over JDBC exactly as the CDC path reads them: the row is
 * rendered the way cdc-bridge renders it and handed to the same mapper. Reconciliation uses
 * this, so a translation bug shows up as drift.
 *
 * @param table         legacy table
 * @param type          the entity type its rows hold
 * @param idColumn      primary key column
 * @param updatedColumn the column stamped by every write
 * @param liveCondition an SQL condition true for rows that are not soft-deleted
 */
public record LegacyRows(String table, EntityType type, String idColumn, String updatedColumn, String liveCondition) {

    /** The legacy table holding entities of {@code type}. */
    public static LegacyRows of(EntityType type) {
        RowMapper mapper = mapper(type);
        return new LegacyRows(mapper.table(), type, mapper.idColumn(), mapper.updatedColumn(), mapper.liveCondition());
    }

    private static RowMapper mapper(EntityType type) {
        return InboundTranslator.MAPPERS.stream().filter(m -> m.type() == type).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no legacy table for " + type));
    }

    /** The canonical state of the current row of {@code rs}; empty when the row is soft-deleted. */
    public Optional<EntityState> read(ResultSet rs) throws SQLException {
        ObjectNode row = render(rs);
        RowMapper mapper = mapper(type);
        if (mapper.softDeleted(row)) {
            return Optional.empty();
        }
        UUID id = LegacyValues.uuid(row, idColumn);
        return Optional.of(mapper.state(id, row));
    }

    /** The row as Debezium's JSON converter renders it: timestamps as microseconds since the epoch. */
    static ObjectNode render(ResultSet rs) throws SQLException {
        ObjectNode row = JsonNodeFactory.instance.objectNode();
        ResultSetMetaData meta = rs.getMetaData();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            String column = meta.getColumnLabel(i).toLowerCase(java.util.Locale.ROOT);
            switch (meta.getColumnType(i)) {
                case Types.TIMESTAMP -> {
                    Timestamp ts = rs.getTimestamp(i);
                    if (ts == null) {
                        row.putNull(column);
                    } else {
                        var local = ts.toLocalDateTime();
                        row.put(column, local.toEpochSecond(ZoneOffset.UTC) * 1_000_000L + local.getNano() / 1_000);
                    }
                }
                case Types.SMALLINT, Types.INTEGER, Types.BIGINT -> {
                    long value = rs.getLong(i);
                    if (rs.wasNull()) {
                        row.putNull(column);
                    } else {
                        row.put(column, value);
                    }
                }
                default -> {
                    String value = rs.getString(i);
                    if (value == null) {
                        row.putNull(column);
                    } else {
                        row.put(column, value);
                    }
                }
            }
        }
        return row;
    }
}
