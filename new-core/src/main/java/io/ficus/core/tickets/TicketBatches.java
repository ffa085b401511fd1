package io.ficus.core.tickets;

import io.ficus.core.shared.SqlArrays;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Tickets read and stored set-wise, for the legacy's polls ({@link TicketLegacyChanges#applyAll}): what
 * {@link TicketRepository} does for one ticket, in one multi-row statement per kind of statement.
 */
@Repository
class TicketBatches {

    private final JdbcClient jdbc;
    private final TicketRepository tickets;

    TicketBatches(JdbcClient jdbc, TicketRepository tickets) {
        this.jdbc = jdbc;
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
     * Stores the tickets (distinct ids) as {@link TicketRepository#save} each would, in one multi-row statement per kind of
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
            jdbc.sql("""
                    insert into tickets_ticket (id, project_id, phase_id, title, description, due_time, created_at, version)
                    select * from unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::varchar[], ?::varchar[], ?::timestamp[], ?::timestamp[],
                        ?::bigint[])""")
                    .params(columns(inserted, false)).update();
        }
        if (!updated.isEmpty()) {
            Set<UUID> stored = new HashSet<>(jdbc.sql("""
                    update tickets_ticket t set project_id = v.project_id, phase_id = v.phase_id, title = v.title,
                        description = v.description, due_time = v.due_time, created_at = v.created_at, version = v.version,
                        changed_at = now()
                    from unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::varchar[], ?::varchar[], ?::timestamp[], ?::timestamp[],
                        ?::bigint[], ?::bigint[]) as v(id, project_id, phase_id, title, description, due_time, created_at, version,
                        stored_version)
                    where t.id = v.id and t.version = v.stored_version
                    returning t.id""").params(columns(updated, true)).query(UUID.class).list());
            for (Ticket t : updated) {
                if (!stored.contains(t.id())) {
                    throw new OptimisticLockingFailureException("ticket " + t.id() + " changed concurrently");
                }
            }
            jdbc.sql("delete from tickets_assignee where ticket_id = any(?)").param(updated.stream().map(Ticket::id)
                    .toArray(UUID[]::new)).update();
        }
        List<Assignee> assignees = new ArrayList<>();
        inserted.forEach(t -> addAssignees(t, assignees));
        updated.forEach(t -> addAssignees(t, assignees));
        if (!assignees.isEmpty()) {
            jdbc.sql("""
                    insert into tickets_assignee (ticket_id, user_id, position) select * from unnest(?::uuid[], ?::uuid[], ?::integer[])
                    on conflict do nothing""")
                    .params(assignees.stream().map(Assignee::ticketId).toArray(UUID[]::new),
                            assignees.stream().map(Assignee::userId).toArray(UUID[]::new),
                            assignees.stream().map(Assignee::position).toArray(Integer[]::new))
                    .update();
        }
        all.forEach(tickets::publish);
    }

    /** The tickets' columns as arrays, in the order of the insert's columns, and their stored versions when asked. */
    private static Object[] columns(List<Ticket> tickets, boolean withStoredVersion) {
        List<Object> columns = new ArrayList<>(List.of(
                tickets.stream().map(Ticket::id).toArray(UUID[]::new),
                tickets.stream().map(Ticket::projectId).toArray(UUID[]::new),
                tickets.stream().map(Ticket::phaseId).toArray(UUID[]::new),
                tickets.stream().map(Ticket::title).toArray(String[]::new),
                tickets.stream().map(Ticket::description).toArray(String[]::new),
                SqlArrays.timestamps(tickets, Ticket::dueTime),
                SqlArrays.timestamps(tickets, Ticket::createdAt),
                tickets.stream().map(Ticket::version).toArray(Long[]::new)));
        if (withStoredVersion) {
            columns.add(tickets.stream().map(Ticket::storedVersion).toArray(Long[]::new));
        }
        return columns.toArray();
    }

    private static void addAssignees(Ticket t, List<Assignee> rows) {
        for (int i = 0; i < t.assigneeIds().size(); i++) {
            rows.add(new Assignee(t.id(), t.assigneeIds().get(i), i));
        }
    }

    /** A ticket's assignee at a position. */
    private record Assignee(UUID ticketId, UUID userId, int position) {
    }
}
