package io.ficus.core.legacy;

import io.ficus.contracts.CoreEvent;
import io.ficus.contracts.EntityType;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The last change the core itself decided of each aggregate, recorded in the deciding transaction from its
 * integration event ({@code legacy_core_change}): its version and the time the event carries, which is the time
 * legacy-adapter's write-back guard compares with the legacy's commit times.
 */
@Repository
class CoreChangeTimes {

    /**
     * The core's last own change of an aggregate.
     *
     * @param version    the aggregate version it produced
     * @param occurredAt the time its integration event carries
     */
    record CoreChange(long version, Instant occurredAt) {
    }

    private final JdbcClient jdbc;

    CoreChangeTimes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener
    void on(CoreEvent event) {
        jdbc.sql("""
                insert into legacy_core_change (entity_type, entity_id, version, occurred_at) values (?, ?, ?, ?)
                on conflict (entity_type, entity_id) do update set version = excluded.version, occurred_at = excluded.occurred_at
                where legacy_core_change.version <= excluded.version""")
                .params(event.aggregateType().name(), event.aggregateId(), event.version(),
                        Timestamp.from(event.occurredAt()))
                .update();
    }

    /**
     * The core's last own changes of the aggregates of {@code types} with {@code ids}, in one query (by the primary key's
     * index), by type and id; a pair without one is absent.
     */
    java.util.Map<EntityType, java.util.Map<UUID, CoreChange>> lastOf(java.util.Set<EntityType> types, java.util.Set<UUID> ids) {
        java.util.Map<EntityType, java.util.Map<UUID, CoreChange>> last = new java.util.EnumMap<>(EntityType.class);
        if (ids.isEmpty()) {
            return last;
        }
        jdbc.sql("select entity_type, entity_id, version, occurred_at from legacy_core_change where entity_type = any(?) and entity_id = any(?)")
                .params(types.stream().map(Enum::name).toArray(String[]::new), ids.toArray(UUID[]::new))
                .query(rs -> {
                    last.computeIfAbsent(EntityType.valueOf(rs.getString(1)), t -> new java.util.HashMap<>())
                            .put(rs.getObject(2, UUID.class), new CoreChange(rs.getLong(3), rs.getTimestamp(4).toInstant()));
                });
        return last;
    }

    Optional<CoreChange> last(EntityType type, UUID id) {
        return jdbc.sql("select version, occurred_at from legacy_core_change where entity_type = ? and entity_id = ?")
                .params(type.name(), id)
                .query((rs, n) -> new CoreChange(rs.getLong(1), rs.getTimestamp(2).toInstant()))
                .optional();
    }
}
