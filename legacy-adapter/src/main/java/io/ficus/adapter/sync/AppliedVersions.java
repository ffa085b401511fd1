package io.ficus.adapter.sync;

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
}
