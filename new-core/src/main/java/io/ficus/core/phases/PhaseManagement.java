package io.ficus.core.phases;

import io.ficus.core.projects.ProjectLocks;
import io.ficus.core.shared.Caller;
import io.ficus.core.shared.IdTable;
import io.ficus.core.shared.MemberTable;
import io.ficus.support.web.ApiException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The phase use cases: each one transaction on one project's board, under the project's lock. */
@Service
public class PhaseManagement {

    private final PhaseRepository phases;
    private final TicketCounts tickets;
    private final IdTable projects;
    private final MemberTable members;
    private final ProjectLocks locks;

    PhaseManagement(PhaseRepository phases, TicketCounts tickets, ProjectLocks locks, JdbcClient jdbc) {
        this.phases = phases;
        this.tickets = tickets;
        this.locks = locks;
        this.projects = new IdTable(jdbc, "phases_project");
        this.members = new MemberTable(jdbc, "phases_member");
    }

    @Transactional(readOnly = true)
    public List<PhaseView> list(Caller caller, UUID projectId) {
        if (!projects.exists(projectId)) {
            throw ApiException.notFound("no project " + projectId);
        }
        members.requireMember(caller, projectId);
        Map<UUID, Long> counts = tickets.perPhase(projectId);
        return phases.ofProject(projectId).stream().map(p -> new PhaseView(p, counts.getOrDefault(p.id(), 0L))).toList();
    }

    @Transactional
    public PhaseView create(Caller caller, CreatePhase command) {
        lockAsAdmin(caller, command.projectId());
        Board board = phases.boardOf(command.projectId());
        Phase phase = phases.save(Phase.create(command, board));
        board.shifted().forEach(phases::save);
        return new PhaseView(phase, 0);
    }

    @Transactional
    public PhaseView change(Caller caller, ChangePhase command) {
        lockAsAdmin(caller, load(command.phaseId()).projectId());
        Phase phase = load(command.phaseId());
        Board board = phases.boardOf(phase.projectId());
        phase.change(command, board);
        board.shifted().forEach(phases::save);
        phases.save(phase);
        return new PhaseView(phase, tickets.ticketsIn(phase.id()));
    }

    @Transactional
    public void delete(Caller caller, UUID id) {
        lockAsAdmin(caller, load(id).projectId());
        Phase phase = load(id);
        Board board = phases.boardOf(phase.projectId());
        phase.deleteFrom(board, tickets.ticketsIn(id));
        phases.save(phase);
        board.shifted().forEach(phases::save);
    }

    private void lockAsAdmin(Caller caller, UUID projectId) {
        locks.lockExisting(projectId);
        members.requireAdmin(caller, projectId);
    }

    private Phase load(UUID id) {
        return phases.find(id).orElseThrow(() -> ApiException.notFound("no phase " + id));
    }
}
