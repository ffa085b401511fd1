package io.ficus.core.phases;

import io.ficus.contracts.TicketState;
import io.ficus.core.tickets.TicketEvent;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * This module's read model of tickets ({@code phases_ticket}: which phase each ticket is in, at which version), fed by
 * the tickets module's events inside the transaction of each change, and the counts a phase is checked against.
 *
 * <p>Inside a transaction the ticket events are written in one JDBC batch per run of like statements, before the
 * transaction commits or before this class next reads the table, whichever comes first: a poll of legacy changes
 * stores hundreds of tickets in a few round trips ({@code TicketBatches}) and followed each with a round trip of its
 * own here. Only this class reads {@code phases_ticket}, so no reader sees it without the pending writes, and they are
 * written under the project locks the transaction holds, before anything it wrote becomes visible.
 */
@Component
class TicketCounts {

    private static final String UPSERT = """
            insert into phases_ticket (ticket_id, phase_id, version) values (?, ?, ?)
            on conflict (ticket_id) do update set phase_id = excluded.phase_id, version = excluded.version
            where phases_ticket.version < excluded.version""";
    private static final String DELETE = "delete from phases_ticket where ticket_id = ?";
    private static final int[] UPSERT_TYPES = {Types.OTHER, Types.OTHER, Types.BIGINT};
    private static final int[] DELETE_TYPES = {Types.OTHER};

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;

    TicketCounts(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    long ticketsIn(UUID phaseId) {
        flushPending();
        return jdbc.sql("select count(*) from phases_ticket where phase_id = ?").param(phaseId).query(Long.class).single();
    }

    /** The number of tickets in each phase of the project that holds any. */
    Map<UUID, Long> perPhase(UUID projectId) {
        flushPending();
        Map<UUID, Long> counts = new HashMap<>();
        jdbc.sql("""
                select t.phase_id, count(*) as n from phases_ticket t join phases_phase p on p.id = t.phase_id
                where p.project_id = ? group by t.phase_id""").param(projectId)
                .query((rs, i) -> counts.put(rs.getObject("phase_id", UUID.class), rs.getLong("n"))).list();
        return counts;
    }

    /** Follows one change of a ticket: its phase recorded at its version, or forgotten when it was deleted. */
    void follow(TicketEvent change) {
        Write write = change.newState() instanceof TicketState t
                ? new Write(UPSERT, new Object[] {t.id(), t.phaseId(), change.version()})
                : new Write(DELETE, new Object[] {change.aggregateId()});
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            execute(List.of(write));
            return;
        }
        Pending pending = (Pending) TransactionSynchronizationManager.getResource(this);
        if (pending == null) {
            pending = new Pending();
            TransactionSynchronizationManager.bindResource(this, pending);
            TransactionSynchronizationManager.registerSynchronization(pending);
        } else if (!ofCurrentTransaction(pending)) {
            // A transaction started inside another one that has writes pending (REQUIRES_NEW): written at once.
            execute(List.of(write));
            return;
        }
        pending.writes.add(write);
    }

    /** Writes what this transaction's ticket events left pending, in their order. */
    private void flushPending() {
        if (TransactionSynchronizationManager.getResource(this) instanceof Pending pending && ofCurrentTransaction(pending)) {
            pending.write();
        }
    }

    /** Whether {@code pending} belongs to the current transaction, not to one suspended around it. */
    private static boolean ofCurrentTransaction(Pending pending) {
        return TransactionSynchronizationManager.isSynchronizationActive()
                && TransactionSynchronizationManager.getSynchronizations().contains(pending);
    }

    /** In their order: each run of like statements in one JDBC batch. */
    private void execute(List<Write> writes) {
        int from = 0;
        for (int i = 1; i <= writes.size(); i++) {
            if (i == writes.size() || !writes.get(i).sql().equals(writes.get(from).sql())) {
                String sql = writes.get(from).sql();
                List<Object[]> args = writes.subList(from, i).stream().map(Write::args).toList();
                batch.batchUpdate(sql, args, sql.equals(UPSERT) ? UPSERT_TYPES : DELETE_TYPES);
                from = i;
            }
        }
    }

    /** One statement on {@code phases_ticket}. */
    private record Write(String sql, Object[] args) {
    }

    /** A transaction's pending writes, written before it commits (and dropped when it rolls back). */
    private final class Pending implements TransactionSynchronization {

        private final List<Write> writes = new ArrayList<>();

        void write() {
            if (!writes.isEmpty()) {
                List<Write> now = List.copyOf(writes);
                writes.clear();
                execute(now);
            }
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            write();
        }

        @Override
        public void afterCompletion(int status) {
            writes.clear();
            if (TransactionSynchronizationManager.getResource(TicketCounts.this) == this) {
                TransactionSynchronizationManager.unbindResource(TicketCounts.this);
            }
        }
    }
}
