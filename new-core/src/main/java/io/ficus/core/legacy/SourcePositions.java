package io.ficus.core.legacy;

import io.ficus.contracts.LegacyChange;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
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

    SourcePositions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * {@link #advance} for each of {@code changes} (of distinct entities), in their order, in one multi-row statement:
     * the same rows locked in the same order and the same outcome per change as one call each.
     *
     * @return per change, whether it is newer and must be applied
     */
    boolean[] advanceAll(List<LegacyChange> changes) {
        Set<String> advanced = new HashSet<>();
        jdbc.sql("""
                insert into legacy_source_position (entity_type, entity_id, lsn, event_id)
                select * from unnest(?::varchar[], ?::uuid[], ?::bigint[], ?::uuid[])
                on conflict (entity_type, entity_id) do update set lsn = excluded.lsn, event_id = excluded.event_id
                where legacy_source_position.lsn < excluded.lsn
                returning entity_type, entity_id""")
                .params(changes.stream().map(c -> c.entityType().name()).toArray(String[]::new),
                        changes.stream().map(LegacyChange::entityId).toArray(UUID[]::new),
                        changes.stream().map(c -> c.source().lsn()).toArray(Long[]::new),
                        changes.stream().map(LegacyChange::eventId).toArray(UUID[]::new))
                .query(rs -> {
                    advanced.add(rs.getString(1) + ":" + rs.getObject(2, UUID.class));
                });
        boolean[] newer = new boolean[changes.size()];
        for (int i = 0; i < newer.length; i++) {
            newer[i] = advanced.contains(changes.get(i).entityType().name() + ":" + changes.get(i).entityId());
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
