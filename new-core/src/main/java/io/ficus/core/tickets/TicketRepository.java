package io.ficus.core.tickets;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Tickets and this module's read models of phases; a write of a ticket publishes its event in the same transaction. */
@Repository
class TicketRepository {

    /** A ticket row with its assignees in order, in one query. */
    private static final String SELECT = "select t.*, array(select a.user_id from tickets_assignee a where a.ticket_id = t.id"
            + " order by a.position) as assignee_ids from tickets_ticket t";

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final ApplicationEventPublisher events;

    TicketRepository(JdbcClient jdbc, JdbcTemplate batch, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.events = events;
    }

    /**
     * Stores the ticket as its methods left it (inserted when new, over the version it was loaded at, or deleted) and
     * publishes the events it registered, in the caller's transaction.
     */
    Ticket save(Ticket ticket) {
        if (ticket.deleted()) {
            delete(ticket.id());
        } else if (ticket.storedVersion() == 0) {
            insert(ticket);
        } else {
            update(ticket);
        }
        ticket.events().forEach(events::publishEvent);
        ticket.eventsPublished();
        return ticket;
    }

    /**
     * Stores the tickets (distinct ids) as {@link #save} each would, in one JDBC batch per kind of statement, and then
     * publishes their events in the tickets' order, in the caller's transaction.
     */
    void saveAll(List<Ticket> all) {
        List<Ticket> inserted = new ArrayList<>();
        List<Ticket> updated = new ArrayList<>();
        List<UUID> deleted = new ArrayList<>();
        for (Ticket t : all) {
            if (t.deleted()) {
                deleted.add(t.id());
            } else if (t.storedVersion() == 0) {
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
            batch.batchUpdate("""
                    insert into tickets_ticket (id, project_id, phase_id, title, description, due_time, created_at, version)
                    values (?, ?, ?, ?, ?, ?, ?, ?)""", inserted.stream().map(t -> new Object[] {
                    t.id(), t.projectId(), t.phaseId(), t.title(), t.description(), t.dueTime(), t.createdAt(), t.version()}).toList(),
                    new int[] {Types.OTHER, Types.OTHER, Types.OTHER, Types.VARCHAR, Types.VARCHAR, Types.TIMESTAMP, Types.TIMESTAMP,
                            Types.BIGINT});
        }
        if (!updated.isEmpty()) {
            int[] counts = batch.batchUpdate("""
                    update tickets_ticket set project_id = ?, phase_id = ?, title = ?, description = ?, due_time = ?, created_at = ?,
                        version = ?, changed_at = now() where id = ? and version = ?""", updated.stream().map(t -> new Object[] {
                    t.projectId(), t.phaseId(), t.title(), t.description(), t.dueTime(), t.createdAt(), t.version(), t.id(),
                    t.storedVersion()}).toList(),
                    new int[] {Types.OTHER, Types.OTHER, Types.VARCHAR, Types.VARCHAR, Types.TIMESTAMP, Types.TIMESTAMP, Types.BIGINT,
                            Types.OTHER, Types.BIGINT});
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] != 1) {
                    throw new OptimisticLockingFailureException("ticket " + updated.get(i).id() + " changed concurrently");
                }
            }
            jdbc.sql("delete from tickets_assignee where ticket_id = any(?)").param(updated.stream().map(Ticket::id).toArray(UUID[]::new))
                    .update();
        }
        List<Object[]> assignees = new ArrayList<>();
        for (Ticket t : inserted) {
            addAssignees(t, assignees);
        }
        for (Ticket t : updated) {
            addAssignees(t, assignees);
        }
        if (!assignees.isEmpty()) {
            batch.batchUpdate("insert into tickets_assignee (ticket_id, user_id, position) values (?, ?, ?) on conflict do nothing", assignees);
        }
        for (Ticket t : all) {
            t.events().forEach(events::publishEvent);
            t.eventsPublished();
        }
    }

    private static void addAssignees(Ticket t, List<Object[]> rows) {
        for (int i = 0; i < t.assigneeIds().size(); i++) {
            rows.add(new Object[] {t.id(), t.assigneeIds().get(i), i});
        }
    }

    /** The stored tickets of {@code ids}, in one query, by id. */
    Map<UUID, Ticket> findAll(List<UUID> ids) {
        Map<UUID, Ticket> found = new HashMap<>();
        jdbc.sql(SELECT + " where t.id = any(?)").param(ids.toArray(UUID[]::new)).query(TicketRepository::map).list()
                .forEach(t -> found.put(t.id(), t));
        return found;
    }

    Optional<Ticket> find(UUID id) {
        return jdbc.sql(SELECT + " where t.id = ?").param(id).query(TicketRepository::map).optional();
    }

    List<Ticket> inProject(UUID projectId, UUID phaseId, UUID assigneeId) {
        StringBuilder sql = new StringBuilder(SELECT + " where t.project_id = :project");
        if (phaseId != null) {
            sql.append(" and t.phase_id = :phase");
        }
        if (assigneeId != null) {
            sql.append(" and exists (select 1 from tickets_assignee a where a.ticket_id = t.id and a.user_id = :assignee)");
        }
        sql.append(" order by t.created_at, t.id");
        var spec = jdbc.sql(sql.toString()).param("project", projectId);
        if (phaseId != null) {
            spec = spec.param("phase", phaseId);
        }
        if (assigneeId != null) {
            spec = spec.param("assignee", assigneeId);
        }
        return spec.query(TicketRepository::map).list();
    }

    List<Ticket> assignedTo(UUID userId) {
        return jdbc.sql(SELECT + """
                 where exists (select 1 from tickets_assignee a where a.ticket_id = t.id and a.user_id = ?)
                order by t.created_at, t.id""").param(userId).query(TicketRepository::map).list();
    }

    private void insert(Ticket t) {
        jdbc.sql("""
                insert into tickets_ticket (id, project_id, phase_id, title, description, due_time, created_at, version)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(t.id(), t.projectId(), t.phaseId(), t.title(), t.description(), t.dueTime(), t.createdAt(), t.version())
                .update();
        insertAssignees(t);
    }

    /** Stores {@code t} over the version it was loaded at; fails if someone else changed it meanwhile. */
    void update(Ticket t) {
        int n = jdbc.sql("""
                update tickets_ticket set project_id = ?, phase_id = ?, title = ?, description = ?, due_time = ?, created_at = ?,
                    version = ?, changed_at = now() where id = ? and version = ?""")
                .params(t.projectId(), t.phaseId(), t.title(), t.description(), t.dueTime(), t.createdAt(), t.version(), t.id(),
                        t.storedVersion())
                .update();
        if (n != 1) {
            throw new OptimisticLockingFailureException("ticket " + t.id() + " changed concurrently");
        }
        writeAssignees(t);
    }

    private void delete(UUID id) {
        jdbc.sql("delete from tickets_assignee where ticket_id = ?").param(id).update();
        jdbc.sql("delete from tickets_ticket where id = ?").param(id).update();
    }

    UUID firstPhase(UUID projectId) {
        return jdbc.sql("select id from tickets_phase where project_id = ? order by position, id limit 1").param(projectId)
                .query(UUID.class).optional().orElse(null);
    }

    boolean isPhaseOf(UUID phaseId, UUID projectId) {
        return jdbc.sql("select count(*) from tickets_phase where id = ? and project_id = ?").params(phaseId, projectId)
                .query(Long.class).single() > 0;
    }

    void applyPhase(UUID phaseId, UUID projectId, int position, long version) {
        jdbc.sql("""
                insert into tickets_phase (id, project_id, position, version) values (?, ?, ?, ?)
                on conflict (id) do update set project_id = excluded.project_id, position = excluded.position, version = excluded.version
                where tickets_phase.version < excluded.version""").params(phaseId, projectId, position, version).update();
    }

    void removePhase(UUID phaseId) {
        jdbc.sql("delete from tickets_phase where id = ?").param(phaseId).update();
    }

    void removePhasesOf(UUID projectId) {
        jdbc.sql("delete from tickets_phase where project_id = ?").param(projectId).update();
    }

    private void writeAssignees(Ticket t) {
        jdbc.sql("delete from tickets_assignee where ticket_id = ?").param(t.id()).update();
        insertAssignees(t);
    }

    private void insertAssignees(Ticket t) {
        for (int i = 0; i < t.assigneeIds().size(); i++) {
            jdbc.sql("insert into tickets_assignee (ticket_id, user_id, position) values (?, ?, ?) on conflict do nothing")
                    .params(t.id(), t.assigneeIds().get(i), i).update();
        }
    }

    private static Ticket map(ResultSet rs, int row) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        List<UUID> assignees = new ArrayList<>(List.of((UUID[]) rs.getArray("assignee_ids").getArray()));
        return new Ticket(id, rs.getObject("project_id", UUID.class), rs.getObject("phase_id", UUID.class), rs.getString("title"),
                rs.getString("description"), rs.getObject("due_time", LocalDateTime.class), rs.getObject("created_at", LocalDateTime.class),
                assignees, rs.getLong("version"));
    }
}
