package io.ficus.adapter.sync;

import java.util.List;
import io.ficus.contracts.CoreEvent;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The newest core aggregate version written into the legacy, per entity. */
@Repository
public class AppliedVersions {

    private final JdbcClient jdbc;

    public AppliedVersions(JdbcClient jdbc) {
        this.jdbc = jdbc;
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
