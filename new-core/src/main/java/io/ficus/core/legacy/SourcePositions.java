package io.ficus.core.legacy;

import io.ficus.contracts.LegacyChange;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The log position of the last legacy change applied to each entity. */
@Repository
class SourcePositions {

    private final JdbcClient jdbc;

    SourcePositions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records {@code change} as the newest applied change of its entity, unless an equal or
     * newer one was applied already. Locks the entity's row until the transaction ends.
     *
     * @return whether the change is newer and must be applied
     */
    boolean advance(LegacyChange change) {
        int updated = jdbc.sql("""
                insert into legacy_source_position (entity_type, entity_id, lsn, event_id)
                values (:type, :id, :lsn, :event)
                on conflict (entity_type, entity_id) do update set lsn = excluded.lsn, event_id = excluded.event_id
                where legacy_source_position.lsn < excluded.lsn
                """)
                .param("type", change.entityType().name())
                .param("id", change.entityId())
                .param("lsn", change.source().lsn())
                .param("event", change.eventId())
                .update();
        return updated == 1;
    }
}
