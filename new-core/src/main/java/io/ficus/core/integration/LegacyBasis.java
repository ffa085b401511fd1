package io.ficus.core.integration;

import io.ficus.contracts.EntityType;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads (never writes) which legacy change the core last applied to an aggregate, as the legacy
 * module records it in {@code legacy_source_position}, so that an integration event can say which
 * legacy state it was based on.
 */
@Repository
class LegacyBasis {

    /**
     * The last legacy change applied to an aggregate.
     *
     * @param lsn     its log position
     * @param eventId its canonical event id
     */
    record Basis(long lsn, UUID eventId) {
    }

    private final JdbcClient jdbc;

    LegacyBasis(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Basis> of(EntityType type, UUID id) {
        return jdbc.sql("select lsn, event_id from legacy_source_position where entity_type = ? and entity_id = ?")
                .params(type.name(), id)
                .query((rs, n) -> new Basis(rs.getLong("lsn"), rs.getObject("event_id", UUID.class)))
                .optional();
    }
}
