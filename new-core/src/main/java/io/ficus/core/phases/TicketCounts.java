package io.ficus.core.phases;

import io.ficus.contracts.TicketState;
import io.ficus.core.tickets.TicketEvent;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * This module's read model of tickets ({@code phases_ticket}: which phase each ticket is in, at which version), fed by
 * the tickets module's events inside the transaction of each change, and the counts a phase is checked against.
 */
@Component
class TicketCounts {

    private final JdbcClient jdbc;

    TicketCounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long ticketsIn(UUID phaseId) {
        return jdbc.sql("select count(*) from phases_ticket where phase_id = ?").param(phaseId).query(Long.class).single();
    }

    /** The number of tickets in each phase of the project that holds any. */
    Map<UUID, Long> perPhase(UUID projectId) {
        Map<UUID, Long> counts = new HashMap<>();
        jdbc.sql("""
                select t.phase_id, count(*) as n from phases_ticket t join phases_phase p on p.id = t.phase_id
                where p.project_id = ? group by t.phase_id""").param(projectId)
                .query((rs, i) -> counts.put(rs.getObject("phase_id", UUID.class), rs.getLong("n"))).list();
        return counts;
    }

    /** Follows one change of a ticket: its phase recorded at its version, or forgotten when it was deleted. */
    void follow(TicketEvent change) {
        if (change.newState() instanceof TicketState t) {
            jdbc.sql("""
                    insert into phases_ticket (ticket_id, phase_id, version) values (?, ?, ?)
                    on conflict (ticket_id) do update set phase_id = excluded.phase_id, version = excluded.version
                    where phases_ticket.version < excluded.version""").params(t.id(), t.phaseId(), change.version()).update();
        } else {
            jdbc.sql("delete from phases_ticket where ticket_id = ?").param(change.aggregateId()).update();
        }
    }
}
