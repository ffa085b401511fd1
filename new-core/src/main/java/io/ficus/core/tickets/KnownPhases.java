package io.ficus.core.tickets;

import io.ficus.contracts.PhaseState;
import io.ficus.core.shared.events.PhaseEvent;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * This module's read model of phases ({@code tickets_phase}: id, project, position, version), fed by the phases
 * module's events inside the transaction of each change, and what a ticket asks of it.
 */
@Component
class KnownPhases {

    private final JdbcClient jdbc;

    KnownPhases(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The project's first phase, or null when it has none. */
    UUID firstOf(UUID projectId) {
        return jdbc.sql("select id from tickets_phase where project_id = ? order by position, id limit 1").param(projectId)
                .query(UUID.class).optional().orElse(null);
    }

    boolean isPhaseOf(UUID phaseId, UUID projectId) {
        return jdbc.sql("select count(*) from tickets_phase where id = ? and project_id = ?").params(phaseId, projectId)
                .query(Long.class).single() > 0;
    }

    /** Records the phase at this version unless a newer one is stored (idempotent). */
    void apply(UUID phaseId, UUID projectId, int position, long version) {
        jdbc.sql("""
                insert into tickets_phase (id, project_id, position, version) values (?, ?, ?, ?)
                on conflict (id) do update set project_id = excluded.project_id, position = excluded.position, version = excluded.version
                where tickets_phase.version < excluded.version""").params(phaseId, projectId, position, version).update();
    }

    /** Follows one change of a phase: recorded at its version, or forgotten when it was deleted. */
    void follow(PhaseEvent change) {
        if (change.newState() instanceof PhaseState p) {
            apply(p.id(), p.projectId(), p.position(), change.version());
        } else {
            remove(change.aggregateId());
        }
    }

    void remove(UUID phaseId) {
        jdbc.sql("delete from tickets_phase where id = ?").param(phaseId).update();
    }

    void removeProject(UUID projectId) {
        jdbc.sql("delete from tickets_phase where project_id = ?").param(projectId).update();
    }
}
