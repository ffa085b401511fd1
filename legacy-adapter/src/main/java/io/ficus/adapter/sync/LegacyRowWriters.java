package io.ficus.adapter.sync;

import io.ficus.adapter.inbound.LegacyRows;
import io.ficus.contracts.EntityType;
import java.sql.Timestamp;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Who last wrote a legacy row: locks the row ({@code select ... for update}) and reads its
 * {@code xmin} and that transaction's commit time. Call inside the writing transaction.
 */
@Repository
public class LegacyRowWriters {

    private static final Logger log = LoggerFactory.getLogger(LegacyRowWriters.class);

    private final JdbcClient jdbc;
    private volatile Boolean commitTimestamps;

    public LegacyRowWriters(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The row's last writer, the row locked until the transaction ends; null when there is no row. */
    public WriteBackGuard.LegacyRow lock(EntityType type, UUID id) {
        LegacyRows rows = LegacyRows.of(type);
        String committed = commitTimestamps() ? "pg_xact_commit_timestamp(xmin)" : "null::timestamptz";
        return jdbc.sql("select xmin::text::bigint as writer, " + committed + " as committed from public." + rows.table()
                        + " where " + rows.idColumn() + " = ? for update")
                .param(id.toString())
                .query((rs, n) -> {
                    Timestamp at = rs.getTimestamp("committed");
                    return new WriteBackGuard.LegacyRow(rs.getLong("writer"), at == null ? null : at.toInstant());
                })
                .optional().orElse(null);
    }

    /**
     * The last writers of the rows of the entities {@code ids} of one type, the rows locked until the transaction ends
     * (in the order of their ids); one round trip. An entity without a row is not in the answer.
     */
    public java.util.Map<UUID, WriteBackGuard.LegacyRow> lockAll(EntityType type, java.util.Collection<UUID> ids) {
        LegacyRows rows = LegacyRows.of(type);
        String committed = commitTimestamps() ? "pg_xact_commit_timestamp(xmin)" : "null::timestamptz";
        var found = new java.util.HashMap<UUID, WriteBackGuard.LegacyRow>();
        jdbc.sql("select " + rows.idColumn() + " as id, xmin::text::bigint as writer, " + committed + " as committed from public."
                        + rows.table() + " where " + rows.idColumn() + " = any(?) order by " + rows.idColumn() + " for update")
                .param(ids.stream().map(UUID::toString).toArray(String[]::new))
                .query(rs -> {
                    Timestamp at = rs.getTimestamp("committed");
                    found.put(UUID.fromString(rs.getString("id").trim()),
                            new WriteBackGuard.LegacyRow(rs.getLong("writer"), at == null ? null : at.toInstant()));
                });
        return found;
    }

    /** The full id of the current transaction (assigning one). */
    public long currentXid() {
        return jdbc.sql("select pg_current_xact_id()::text::bigint").query(Long.class).single();
    }

    private boolean commitTimestamps() {
        Boolean on = commitTimestamps;
        if (on == null) {
            on = "on".equals(jdbc.sql("select current_setting('track_commit_timestamp')").query(String.class).single());
            if (!on) {
                log.warn("The legacy database runs without track_commit_timestamp=on: a write-back conflict cannot be "
                        + "ordered by commit time, and the core's change is written (set it in postgresql.conf and restart)");
            }
            commitTimestamps = on;
        }
        return on;
    }
}
