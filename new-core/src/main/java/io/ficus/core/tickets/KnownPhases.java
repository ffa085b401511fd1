package io.ficus.core.tickets;

import io.ficus.contracts.PhaseState;
import io.ficus.core.shared.PendingWrites;
import io.ficus.core.shared.events.PhaseEvent;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * This module's read model of phases ({@code tickets_phase}: id, project, position, version), fed by the phases
 * module's events inside the transaction of each change, and what a ticket asks of it. What the events change is
 * written together, a statement per run of like writes, when the transaction commits or the table is next used
 * ({@link PendingWrites}); only this class uses {@code tickets_phase}.
 */
@Component
class KnownPhases {

    private final JdbcClient jdbc;
    private final PendingWrites<Write> pending;

    KnownPhases(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.pending = new PendingWrites<>("tickets_phase", this::write);
    }

    /** The project's first phase, or null when it has none. */
    UUID firstOf(UUID projectId) {
        pending.flush();
        return jdbc.sql("select id from tickets_phase where project_id = ? order by position, id limit 1").param(projectId)
                .query(UUID.class).optional().orElse(null);
    }

    boolean isPhaseOf(UUID phaseId, UUID projectId) {
        pending.flush();
        return jdbc.sql("select count(*) from tickets_phase where id = ? and project_id = ?").params(phaseId, projectId)
                .query(Long.class).single() > 0;
    }

    /** Records the phase at this version unless a newer one is stored (idempotent). */
    void apply(UUID phaseId, UUID projectId, int position, long version) {
        pending.add(new Write(phaseId, projectId, position, version));
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
        pending.add(new Write(phaseId, null, 0, 0));
    }

    void removeProject(UUID projectId) {
        pending.flush();
        jdbc.sql("delete from tickets_phase where project_id = ?").param(projectId).update();
    }

    /** Writes the writes in order: each run of upserts of distinct phases in one statement, each run of removals in one. */
    private void write(List<Write> writes) {
        for (List<Write> run : PendingWrites.runs(writes, w -> w.projectId() == null, Write::phaseId)) {
            UUID[] ids = run.stream().map(Write::phaseId).toArray(UUID[]::new);
            if (run.get(0).projectId() == null) {
                jdbc.sql("delete from tickets_phase where id = any(?)").param(ids).update();
                continue;
            }
            jdbc.sql("""
                    insert into tickets_phase (id, project_id, position, version)
                    select * from unnest(?::uuid[], ?::uuid[], ?::integer[], ?::bigint[])
                    on conflict (id) do update set project_id = excluded.project_id, position = excluded.position, version = excluded.version
                    where tickets_phase.version < excluded.version""")
                    .params(ids, run.stream().map(Write::projectId).toArray(UUID[]::new),
                            run.stream().map(Write::position).toArray(Integer[]::new),
                            run.stream().map(Write::version).toArray(Long[]::new))
                    .update();
        }
    }

    /** An upsert of a phase at a version, or a removal (no project). */
    private record Write(UUID phaseId, UUID projectId, int position, long version) {
    }
}
