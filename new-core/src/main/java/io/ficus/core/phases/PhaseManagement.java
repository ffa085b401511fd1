package io.ficus.core.phases;

import io.ficus.core.projects.ProjectLocks;
import io.ficus.support.web.ApiException;
import io.ficus.core.shared.Caller;
import io.ficus.support.web.Checks;
import io.ficus.core.shared.IdTable;
import io.ficus.core.shared.MemberTable;
import io.ficus.core.shared.Origin;
import io.ficus.core.shared.Timestamps;
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
    private final IdTable projects;
    private final MemberTable members;
    private final ProjectLocks locks;

    PhaseManagement(PhaseRepository phases, ProjectLocks locks, JdbcClient jdbc) {
        this.phases = phases;
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
        Map<UUID, Long> counts = phases.ticketCounts(projectId);
        return phases.ofProject(projectId).stream().map(p -> new PhaseView(p, counts.getOrDefault(p.id(), 0L))).toList();
    }

    @Transactional
    public PhaseView create(Caller caller, CreatePhase command) {
        lockAsAdmin(caller, command.projectId());
        Checks.text("name", command.name(), 100);
        Phase phase = new Phase(UUID.randomUUID(), command.projectId(), command.name(), -1, Timestamps.now(), 1);
        List<Phase> changed = new Board(phases.ofProject(command.projectId())).insert(phase, command.previousPhaseId());
        Phase created = phase;
        for (Phase p : changed) {
            if (p.id().equals(phase.id())) {
                created = p;
                phases.created(p, Origin.CORE);
            } else {
                phases.changed(p.nextVersion(), Origin.CORE);
            }
        }
        return new PhaseView(created, 0);
    }

    @Transactional
    public PhaseView change(Caller caller, ChangePhase command) {
        lockAsAdmin(caller, load(command.phaseId()).projectId());
        Phase phase = load(command.phaseId());
        Phase changed = phase;
        if (command.has("name")) {
            changed = changed.renamed(Checks.text("name", command.name(), 100));
        }
        if (command.has("previousPhaseId")) {
            Phase moving = changed;
            for (Phase p : new Board(phases.ofProject(phase.projectId())).move(moving, command.previousPhaseId())) {
                if (p.id().equals(moving.id())) {
                    changed = p;
                } else {
                    phases.changed(p.nextVersion(), Origin.CORE);
                }
            }
        }
        if (!changed.equals(phase)) {
            changed = phases.changed(changed.nextVersion(), Origin.CORE);
        }
        return new PhaseView(changed, phases.ticketsIn(changed.id()));
    }

    @Transactional
    public void delete(Caller caller, UUID id) {
        lockAsAdmin(caller, load(id).projectId());
        Phase phase = load(id);
        long held = phases.ticketsIn(id);
        if (held > 0) {
            throw ApiException.conflict("phase " + id + " holds " + held + " ticket(s)");
        }
        List<Phase> moved = new Board(phases.ofProject(phase.projectId())).remove(phase);
        phases.removed(phase, Origin.CORE);
        moved.forEach(p -> phases.changed(p.nextVersion(), Origin.CORE));
    }

    private void lockAsAdmin(Caller caller, UUID projectId) {
        locks.lockExisting(projectId);
        members.requireAdmin(caller, projectId);
    }

    private Phase load(UUID id) {
        return phases.find(id).orElseThrow(() -> ApiException.notFound("no phase " + id));
    }
}
