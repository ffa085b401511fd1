package io.ficus.core.phases;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import io.ficus.core.shared.Origin;
import io.ficus.core.shared.events.PhaseChanged;
import io.ficus.core.shared.events.PhaseCreated;
import io.ficus.core.shared.events.PhaseDeleted;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Phases and this module's read model of tickets; a write of a phase publishes its event in the same transaction. */
@Repository
class PhaseRepository {

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    PhaseRepository(JdbcClient jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    /** Inserts a phase unless one with its id exists, and publishes {@link PhaseCreated}; whether it was inserted. */
    boolean created(Phase phase, Origin origin) {
        if (!insert(phase)) {
            return false;
        }
        events.publishEvent(new PhaseCreated(phase.state(), phase.version(), origin));
        return true;
    }

    /** Stores a changed phase over its previous version and publishes {@link PhaseChanged}. */
    Phase changed(Phase phase, Origin origin) {
        update(phase);
        events.publishEvent(new PhaseChanged(phase.state(), phase.version(), origin));
        return phase;
    }

    /** Deletes a phase and publishes {@link PhaseDeleted}. */
    void removed(Phase phase, Origin origin) {
        delete(phase.id());
        events.publishEvent(new PhaseDeleted(phase.id(), phase.projectId(), phase.version() + 1, origin));
    }

    Optional<Phase> find(UUID id) {
        return jdbc.sql("select * from phases_phase where id = ?").param(id).query(PhaseRepository::map).optional();
    }

    List<Phase> ofProject(UUID projectId) {
        return jdbc.sql("select * from phases_phase where project_id = ? order by position, id").param(projectId)
                .query(PhaseRepository::map).list();
    }

    private boolean insert(Phase p) {
        return jdbc.sql("insert into phases_phase (id, project_id, name, position, created_at, version) values (?, ?, ?, ?, ?, ?) on conflict (id) do nothing")
                .params(p.id(), p.projectId(), p.name(), p.position(), p.createdAt(), p.version()).update() == 1;
    }

    private void update(Phase p) {
        int n = jdbc.sql("update phases_phase set project_id = ?, name = ?, position = ?, created_at = ?, version = ?, changed_at = now() where id = ? and version = ?")
                .params(p.projectId(), p.name(), p.position(), p.createdAt(), p.version(), p.id(), p.version() - 1).update();
        if (n != 1) {
            throw new OptimisticLockingFailureException("phase " + p.id() + " changed concurrently");
        }
    }

    private void delete(UUID id) {
        jdbc.sql("delete from phases_phase where id = ?").param(id).update();
    }

    long ticketsIn(UUID phaseId) {
        return jdbc.sql("select count(*) from phases_ticket where phase_id = ?").param(phaseId).query(Long.class).single();
    }

    Map<UUID, Long> ticketCounts(UUID projectId) {
        Map<UUID, Long> counts = new HashMap<>();
        jdbc.sql("""
                select t.phase_id, count(*) as n from phases_ticket t join phases_phase p on p.id = t.phase_id
                where p.project_id = ? group by t.phase_id""").param(projectId)
                .query((rs, i) -> counts.put(rs.getObject("phase_id", UUID.class), rs.getLong("n"))).list();
        return counts;
    }

    void applyTicket(UUID ticketId, UUID phaseId, long version) {
        jdbc.sql("""
                insert into phases_ticket (ticket_id, phase_id, version) values (?, ?, ?)
                on conflict (ticket_id) do update set phase_id = excluded.phase_id, version = excluded.version
                where phases_ticket.version < excluded.version""").params(ticketId, phaseId, version).update();
    }

    void removeTicket(UUID ticketId) {
        jdbc.sql("delete from phases_ticket where ticket_id = ?").param(ticketId).update();
    }

    private static Phase map(ResultSet rs, int row) throws SQLException {
        return new Phase(rs.getObject("id", UUID.class), rs.getObject("project_id", UUID.class), rs.getString("name"),
                rs.getInt("position"), rs.getObject("created_at", LocalDateTime.class), rs.getLong("version"));
    }
}
