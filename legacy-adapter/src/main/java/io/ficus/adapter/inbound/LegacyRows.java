package io.ficus.adapter.inbound;

import io.ficus.contracts.EntityState;
import io.ficus.contracts.EntityType;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDateTime;
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
        return reader(rs).read();
    }

    /**
     * A reader of every row of {@code rs}: the columns' names and types are looked up once, not per row (a full
     * reconciliation reads a million rows).
     */
    public Reader reader(ResultSet rs) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        int count = meta.getColumnCount();
        String[] names = new String[count];
        int[] types = new int[count];
        for (int i = 0; i < count; i++) {
            names[i] = meta.getColumnLabel(i + 1).toLowerCase(java.util.Locale.ROOT);
            types[i] = meta.getColumnType(i + 1);
        }
        return new Reader(rs, mapper(type), names, types);
    }

    /** Reads the rows of one result set, see {@link #reader}. */
    public final class Reader {
        private final ResultSet rs;
        private final RowMapper mapper;
        private final String[] names;
        private final int[] types;

        private Reader(ResultSet rs, RowMapper mapper, String[] names, int[] types) {
            this.rs = rs;
            this.mapper = mapper;
            this.names = names;
            this.types = types;
        }

        /** The canonical state of the current row; empty when the row is soft-deleted. */
        public Optional<EntityState> read() throws SQLException {
            ObjectNode row = render();
            if (mapper.softDeleted(row)) {
                return Optional.empty();
            }
            UUID id = LegacyValues.uuid(row, idColumn);
            return Optional.of(mapper.state(id, row));
        }

        /** The row as Debezium's JSON converter renders it: timestamps as microseconds since the epoch. */
        private ObjectNode render() throws SQLException {
            ObjectNode row = JsonNodeFactory.instance.objectNode();
            for (int i = 0; i < names.length; i++) {
                String column = names[i];
                switch (types[i]) {
                    case Types.TIMESTAMP -> {
                        LocalDateTime local = rs.getObject(i + 1, LocalDateTime.class);
                        if (local == null) {
                            row.putNull(column);
                        } else {
                            row.put(column, local.toEpochSecond(ZoneOffset.UTC) * 1_000_000L + local.getNano() / 1_000);
                        }
                    }
                    case Types.SMALLINT, Types.INTEGER, Types.BIGINT -> {
                        long value = rs.getLong(i + 1);
                        if (rs.wasNull()) {
                            row.putNull(column);
                        } else {
                            row.put(column, value);
                        }
                    }
                    default -> {
                        String value = rs.getString(i + 1);
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
}
