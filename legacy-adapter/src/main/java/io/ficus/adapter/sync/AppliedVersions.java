package io.ficus.adapter.sync;

import io.ficus.contracts.EntityType;
import java.sql.Types;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import io.ficus.contracts.CoreEvent;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The newest core aggregate version written into the legacy, per entity. */
@Repository
public class AppliedVersions {

    private final JdbcClient jdbc;
    private final JdbcOperations batches;

    public AppliedVersions(JdbcClient jdbc, JdbcOperations batches) {
        this.jdbc = jdbc;
        this.batches = batches;
    }

    /**
     * The recorded versions of the entities {@code ids} of one type, their rows locked until the transaction ends (in
     * the order of their ids, so that two writers lock in the same order); one round trip. An entity without a row is
     * not in the answer (nothing locks it: its row is inserted by {@link #recordAll}).
     */
    public java.util.Map<UUID, Applied> lockAll(EntityType type, Collection<UUID> ids) {
        var found = new java.util.HashMap<UUID, Applied>();
        jdbc.sql("""
                select entity_id, version, legacy_xid from ficus.applied_version
                where entity_type = ? and entity_id = any(?::uuid[]) order by entity_id for update
                """)
                .params(type.name(), ids.stream().map(UUID::toString).toArray(String[]::new))
                .query(rs -> {
                    found.put(rs.getObject(1, UUID.class), new Applied(rs.getLong(2), rs.getObject(3, Long.class)));
                });
        return found;
    }

    /**
     * What is recorded for an entity.
     *
     * @param version   the newest core version written (or passed over by the write-back guard)
     * @param lastWrite the full id of the legacy transaction of the adapter's last write-back of the entity; null: none
     */
    public record Applied(long version, Long lastWrite) {
    }

    /**
     * The newest version of an entity a poll advanced to.
     *
     * @param lastWrite the current transaction's full id when the poll wrote the entity; null: keep the recorded one
     */
    public record Advance(EntityType type, UUID id, long version, UUID eventId, Long lastWrite) {
    }

    /**
     * Records the versions a poll advanced to, in one JDBC batch: as {@link #advance} and
     * {@link #wroteInCurrentTransaction} would have, never over an equal or newer version.
     */
    public void recordAll(Collection<Advance> advances) {
        if (advances.isEmpty()) {
            return;
        }
        batches.batchUpdate("""
                insert into ficus.applied_version (entity_type, entity_id, version, event_id, legacy_xid)
                values (?, ?, ?, ?, ?)
                on conflict (entity_type, entity_id) do update set version = excluded.version, event_id = excluded.event_id,
                    legacy_xid = coalesce(excluded.legacy_xid, applied_version.legacy_xid)
                where applied_version.version < excluded.version
                """, advances.stream().map(a -> new Object[] {a.type().name(), a.id(), a.version(), a.eventId(), a.lastWrite()})
                .toList(), new int[] {Types.VARCHAR, Types.OTHER, Types.BIGINT, Types.OTHER, Types.BIGINT});
    }

    /**
     * Records the event's version as the newest written, unless an equal or newer one was
     * written already; locks the entity's row until the transaction ends.
     *
     * @return whether the event is newer and must be written
     */
    public boolean advance(CoreEvent event) {
        return jdbc.sql("""
                insert into ficus.applied_version (entity_type, entity_id, version, event_id)
                values (:type, :id, :version, :event)
                on conflict (entity_type, entity_id) do update set version = excluded.version, event_id = excluded.event_id
                where applied_version.version < excluded.version
                """)
                .param("type", event.aggregateType().name())
                .param("id", event.aggregateId())
                .param("version", event.version())
                .param("event", event.eventId())
                .update() == 1;
    }

    /**
     * {@link #advance} and {@link #lastWrite} in one round trip: the last write-back as it was before this call.
     *
     * @return null when the event is not newer than what was written (nothing to write); otherwise the full id of the
     *         legacy transaction of the adapter's last write-back of the entity, {@link Advanced#lastWrite} null when none
     */
    public Advanced advanceReturningLastWrite(CoreEvent event) {
        List<Advanced> rows = jdbc.sql("""
                insert into ficus.applied_version (entity_type, entity_id, version, event_id)
                values (:type, :id, :version, :event)
                on conflict (entity_type, entity_id) do update set version = excluded.version, event_id = excluded.event_id
                where applied_version.version < excluded.version
                returning legacy_xid
                """)
                .param("type", event.aggregateType().name())
                .param("id", event.aggregateId())
                .param("version", event.version())
                .param("event", event.eventId())
                .query((rs, n) -> new Advanced(rs.getObject(1, Long.class)))
                .list();
        return rows.isEmpty() ? null : rows.get(0);
    }

    /**
     * An event newer than what was written.
     *
     * @param lastWrite the full id of the legacy transaction of the adapter's last write-back of the entity; null: none
     */
    public record Advanced(Long lastWrite) {
    }

    /** The full id of the legacy transaction of the adapter's last write-back of the entity; null when none is known. */
    public Long lastWrite(io.ficus.contracts.EntityType type, java.util.UUID id) {
        return jdbc.sql("select legacy_xid from ficus.applied_version where entity_type = ? and entity_id = ?")
                .params(type.name(), id)
                .query((rs, n) -> rs.getObject(1, Long.class))
                .list().stream().filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }

    /** Records the current transaction as the adapter's last write-back of the entity (after {@link #advance}). */
    public void wroteInCurrentTransaction(io.ficus.contracts.EntityType type, java.util.UUID id) {
        jdbc.sql("update ficus.applied_version set legacy_xid = pg_current_xact_id()::text::bigint where entity_type = ? and entity_id = ?")
                .params(type.name(), id).update();
    }
}
