package io.ficus.core.phases;

import io.ficus.contracts.TicketState;
import io.ficus.core.shared.PendingWrites;
import io.ficus.core.tickets.TicketEvent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * This module's read model of tickets ({@code phases_ticket}: which phase each ticket is in, at which version), fed by
 * the tickets module's events inside the transaction of each change, and the counts a phase is checked against.
 *
 * <p>Inside a transaction the ticket events are written in one statement per run of like writes, before the
 * transaction commits or before this class next reads the table, whichever comes first ({@link PendingWrites}): a poll
 * of legacy changes stores hundreds of tickets in a few round trips ({@code TicketBatches}) and followed each with a
 * round trip of its own here. Only this class reads {@code phases_ticket}, so no reader sees it without the pending
 * writes, and they are written under the project locks the transaction holds, before anything it wrote becomes
 * visible.
 */
@Component
class TicketCounts {

    private final JdbcClient jdbc;
    private final PendingWrites<Write> pending;

    TicketCounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.pending = new PendingWrites<>("phases_ticket", this::write);
    }

    long ticketsIn(UUID phaseId) {
        pending.flush();
        return jdbc.sql("select count(*) from phases_ticket where phase_id = ?").param(phaseId).query(Long.class).single();
    }

    /** The number of tickets in each phase of the project that holds any. */
    Map<UUID, Long> perPhase(UUID projectId) {
        pending.flush();
        Map<UUID, Long> counts = new HashMap<>();
        jdbc.sql("""
                select t.phase_id, count(*) as n from phases_ticket t join phases_phase p on p.id = t.phase_id
                where p.project_id = ? group by t.phase_id""").param(projectId)
                .query((rs, i) -> counts.put(rs.getObject("phase_id", UUID.class), rs.getLong("n"))).list();
        return counts;
    }

    /** Follows one change of a ticket: its phase recorded at its version, or forgotten when it was deleted. */
    void follow(TicketEvent change) {
        pending.add(change.newState() instanceof TicketState t
                ? new Write(t.id(), t.phaseId(), change.version())
                : new Write(change.aggregateId(), null, null));
    }

    /** Writes the writes in order: each run of upserts of distinct tickets in one statement, each run of removals in one. */
    private void write(List<Write> writes) {
        for (List<Write> run : PendingWrites.runs(writes, w -> w.version() == null, Write::ticketId)) {
            UUID[] ids = run.stream().map(Write::ticketId).toArray(UUID[]::new);
            if (run.get(0).version() == null) {
                jdbc.sql("delete from phases_ticket where ticket_id = any(?)").param(ids).update();
                continue;
            }
            jdbc.sql("""
                    insert into phases_ticket (ticket_id, phase_id, version)
                    select * from unnest(?::uuid[], ?::uuid[], ?::bigint[])
                    on conflict (ticket_id) do update set phase_id = excluded.phase_id, version = excluded.version
                    where phases_ticket.version < excluded.version""")
                    .params(ids, run.stream().map(Write::phaseId).toArray(UUID[]::new),
                            run.stream().map(Write::version).toArray(Long[]::new))
                    .update();
        }
    }

    /** An upsert of a ticket's phase at a version, or a removal (no version). */
    private record Write(UUID ticketId, UUID phaseId, Long version) {
    }
}
