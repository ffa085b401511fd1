package io.ficus.core.tickets;

import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Tickets read and stored set-wise, for the legacy's polls ({@link TicketLegacyChanges#applyAll}): what
 * {@link TicketRepository} does for one ticket, in one query or one JDBC batch per kind of statement.
 */
@Repository
class TicketBatches {

    private static final int[] INSERT_TYPES = {Types.OTHER, Types.OTHER, Types.OTHER, Types.VARCHAR, Types.VARCHAR,
            Types.TIMESTAMP, Types.TIMESTAMP, Types.BIGINT};
    private static final int[] UPDATE_TYPES = {Types.OTHER, Types.OTHER, Types.VARCHAR, Types.VARCHAR, Types.TIMESTAMP,
            Types.TIMESTAMP, Types.BIGINT, Types.OTHER, Types.BIGINT};

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final TicketRepository tickets;

    TicketBatches(JdbcClient jdbc, JdbcTemplate batch, TicketRepository tickets) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.tickets = tickets;
    }

    /** The stored tickets of {@code ids}, in one query, by id. */
    Map<UUID, Ticket> findAll(List<UUID> ids) {
        Map<UUID, Ticket> found = new HashMap<>();
        jdbc.sql(TicketRepository.SELECT + " where t.id = any(?)").param(ids.toArray(UUID[]::new)).query(TicketRepository::map)
                .list().forEach(t -> found.put(t.id(), t));
        return found;
    }

    /**
     * Stores the tickets (distinct ids) as {@link TicketRepository#save} each would, in one JDBC batch per kind of
     * statement, and then publishes their events in the tickets' order, in the caller's transaction.
     */
    void saveAll(List<Ticket> all) {
        List<Ticket> inserted = new ArrayList<>();
        List<Ticket> updated = new ArrayList<>();
        List<UUID> deleted = new ArrayList<>();
        for (Ticket t : all) {
            if (t.deleted()) {
                deleted.add(t.id());
            } else if (t.isNew()) {
                inserted.add(t);
            } else {
                updated.add(t);
            }
        }
        if (!deleted.isEmpty()) {
            UUID[] ids = deleted.toArray(UUID[]::new);
            jdbc.sql("delete from tickets_assignee where ticket_id = any(?)").param(ids).update();
            jdbc.sql("delete from tickets_ticket where id = any(?)").param(ids).update();
        }
        if (!inserted.isEmpty()) {
            batch.batchUpdate(TicketRepository.INSERT, inserted.stream().map(t -> new Object[] {t.id(), t.projectId(),
                    t.phaseId(), t.title(), t.description(), t.dueTime(), t.createdAt(), t.version()}).toList(), INSERT_TYPES);
        }
        if (!updated.isEmpty()) {
            int[] counts = batch.batchUpdate(TicketRepository.UPDATE, updated.stream().map(t -> new Object[] {t.projectId(),
                    t.phaseId(), t.title(), t.description(), t.dueTime(), t.createdAt(), t.version(), t.id(), t.storedVersion()})
                    .toList(), UPDATE_TYPES);
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] != 1) {
                    throw new OptimisticLockingFailureException("ticket " + updated.get(i).id() + " changed concurrently");
                }
            }
            jdbc.sql("delete from tickets_assignee where ticket_id = any(?)").param(updated.stream().map(Ticket::id)
                    .toArray(UUID[]::new)).update();
        }
        List<Object[]> assignees = new ArrayList<>();
        inserted.forEach(t -> addAssignees(t, assignees));
        updated.forEach(t -> addAssignees(t, assignees));
        if (!assignees.isEmpty()) {
            batch.batchUpdate(TicketRepository.INSERT_ASSIGNEE, assignees);
        }
        all.forEach(tickets::publish);
    }

    private static void addAssignees(Ticket t, List<Object[]> rows) {
        for (int i = 0; i < t.assigneeIds().size(); i++) {
            rows.add(new Object[] {t.id(), t.assigneeIds().get(i), i});
        }
    }
}
