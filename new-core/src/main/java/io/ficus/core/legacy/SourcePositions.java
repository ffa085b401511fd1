package io.ficus.core.legacy;

import io.ficus.contracts.LegacyChange;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The log position of the last legacy change applied to each entity. */
@Repository
class SourcePositions {

    private static final String ADVANCE = """
            insert into legacy_source_position (entity_type, entity_id, lsn, event_id)
            values (?, ?, ?, ?)
            on conflict (entity_type, entity_id) do update set lsn = excluded.lsn, event_id = excluded.event_id
            where legacy_source_position.lsn < excluded.lsn
            """;

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;

    SourcePositions(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    /**
     * {@link #advance} for each of {@code changes}, in their order, in one round trip (a JDBC batch): the same statements,
     * so the same rows locked and the same outcome per change as one call each.
     *
     * @return per change, whether it is newer and must be applied
     */
    boolean[] advanceAll(List<LegacyChange> changes) {
        int[] counts = batch.batchUpdate(ADVANCE, changes.stream()
                .map(c -> new Object[] {c.entityType().name(), c.entityId(), c.source().lsn(), c.eventId()})
                .toList());
        boolean[] newer = new boolean[changes.size()];
        for (int i = 0; i < counts.length; i++) {
            newer[i] = counts[i] == 1;
        }
        return newer;
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
