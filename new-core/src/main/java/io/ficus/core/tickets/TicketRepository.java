package io.ficus.core.tickets;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import io.ficus.core.shared.AggregateRepository;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Tickets, one at a time; a write of a ticket publishes the events it registered in the same transaction. The
 * legacy's polls are stored set-wise by {@link TicketBatches}, with the same statements.
 */
@Repository
class TicketRepository extends AggregateRepository<Ticket> {

    /** A ticket row with its assignees in order, in one query. */
    static final String SELECT = "select t.*, array(select a.user_id from tickets_assignee a where a.ticket_id = t.id"
            + " order by a.position) as assignee_ids from tickets_ticket t";
    static final String INSERT = """
            insert into tickets_ticket (id, project_id, phase_id, title, description, due_time, created_at, version)
            values (?, ?, ?, ?, ?, ?, ?, ?)""";
    /** Over the version the ticket was loaded at. */
    static final String UPDATE = """
            update tickets_ticket set project_id = ?, phase_id = ?, title = ?, description = ?, due_time = ?, created_at = ?,
                version = ?, changed_at = now() where id = ? and version = ?""";
    static final String INSERT_ASSIGNEE =
            "insert into tickets_assignee (ticket_id, user_id, position) values (?, ?, ?) on conflict do nothing";

    private final JdbcClient jdbc;

    TicketRepository(JdbcClient jdbc, ApplicationEventPublisher events) {
        super("ticket", events);
        this.jdbc = jdbc;
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

    @Override
    protected boolean insert(Ticket t) {
        jdbc.sql(INSERT).params(t.id(), t.projectId(), t.phaseId(), t.title(), t.description(), t.dueTime(), t.createdAt(),
                t.version()).update();
        insertAssignees(t);
        return true;
    }

    @Override
    protected boolean update(Ticket t) {
        if (jdbc.sql(UPDATE).params(t.projectId(), t.phaseId(), t.title(), t.description(), t.dueTime(), t.createdAt(),
                t.version(), t.id(), t.storedVersion()).update() != 1) {
            return false;
        }
        jdbc.sql("delete from tickets_assignee where ticket_id = ?").param(t.id()).update();
        insertAssignees(t);
        return true;
    }

    @Override
    protected void delete(Ticket t) {
        jdbc.sql("delete from tickets_assignee where ticket_id = ?").param(t.id()).update();
        jdbc.sql("delete from tickets_ticket where id = ?").param(t.id()).update();
    }

    private void insertAssignees(Ticket t) {
        for (int i = 0; i < t.assigneeIds().size(); i++) {
            jdbc.sql(INSERT_ASSIGNEE).params(t.id(), t.assigneeIds().get(i), i).update();
        }
    }

    static Ticket map(ResultSet rs, int row) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        List<UUID> assignees = new ArrayList<>(List.of((UUID[]) rs.getArray("assignee_ids").getArray()));
        return new Ticket(id, rs.getObject("project_id", UUID.class), rs.getObject("phase_id", UUID.class), rs.getString("title"),
                rs.getString("description"), rs.getObject("due_time", LocalDateTime.class), rs.getObject("created_at", LocalDateTime.class),
                assignees, rs.getLong("version"));
    }
}
