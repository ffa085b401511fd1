package io.ficus.core.phases;

import io.ficus.contracts.ChangeKind;
import io.ficus.contracts.LegacyChange;
import io.ficus.contracts.PhaseState;
import io.ficus.core.shared.ApiException;
import io.ficus.core.shared.Caller;
import io.ficus.core.shared.Checks;
import io.ficus.core.shared.FollowUp;
import io.ficus.core.shared.IdTable;
import io.ficus.core.shared.MemberTable;
import io.ficus.core.shared.Origin;
import io.ficus.core.shared.Timestamps;
import io.ficus.core.projects.ProjectLocks;
import io.ficus.core.shared.events.MembershipAdded;
import io.ficus.core.shared.events.MembershipChanged;
import io.ficus.core.shared.events.MembershipRemoved;
import io.ficus.core.shared.events.PhaseChanged;
import io.ficus.core.shared.events.PhaseCreated;
import io.ficus.core.shared.events.PhaseDeleted;
import io.ficus.core.shared.events.ProjectChanged;
import io.ficus.core.shared.events.ProjectCreated;
import io.ficus.core.shared.events.ProjectDeleted;
import io.ficus.core.shared.events.TicketChanged;
import io.ficus.core.shared.events.TicketCreated;
import io.ficus.core.shared.events.TicketDeleted;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The phase use cases, and the module's reactions to project, membership and ticket events. */
@Service
public class PhaseManagement {

    private final PhaseRepository phases;
    private final IdTable projects;
    private final MemberTable members;
    private final ProjectLocks locks;
    private final ApplicationEventPublisher events;

    PhaseManagement(PhaseRepository phases, ProjectLocks locks, JdbcClient jdbc, ApplicationEventPublisher events) {
        this.phases = phases;
        this.locks = locks;
        this.projects = new IdTable(jdbc, "phases_project");
        this.members = new MemberTable(jdbc, "phases_member");
        this.events = events;
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
                phases.insert(p);
                events.publishEvent(new PhaseCreated(p.state(), p.version(), Origin.CORE));
            } else {
                save(p.nextVersion());
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
                    save(p.nextVersion());
                }
            }
        }
        if (!changed.equals(phase)) {
            changed = changed.nextVersion();
            save(changed);
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
        remove(phase, Origin.CORE);
        moved.forEach(p -> save(p.nextVersion()));
    }

    /** Applies a phase change made in the legacy; the caller guarantees order and idempotency. */
    @Transactional
    public void applyLegacyChange(LegacyChange change) {
        Optional<Phase> existing = phases.find(change.entityId());
        if (change.kind() == ChangeKind.DELETED) {
            existing.ifPresent(p -> {
                locks.lock(p.projectId());
                remove(p, Origin.LEGACY);
            });
            return;
        }
        PhaseState s = (PhaseState) change.state();
        locks.lock(s.projectId());
        long version = existing.map(Phase::version).orElse(0L) + 1;
        Phase phase = new Phase(s.id(), s.projectId(), s.name(), s.position(), s.createdAt(), version);
        if (existing.isPresent()) {
            phases.update(phase);
            events.publishEvent(new PhaseChanged(phase.state(), version, Origin.LEGACY));
        } else {
            phases.insert(phase);
            events.publishEvent(new PhaseCreated(phase.state(), version, Origin.LEGACY));
        }
    }

    /** A default project gets the default phases (idempotent: their ids derive from the project's). */
    @EventListener
    void track(ProjectCreated event) {
        projects.apply(event.project().id(), event.version());
    }

    @FollowUp
    void on(ProjectCreated event) {
        UUID projectId = event.project().id();
        if (event.origin() != Origin.CORE || !event.defaultProject() || !phases.ofProject(projectId).isEmpty()) {
            return;
        }
        for (int i = 0; i < Phase.DEFAULT_NAMES.size(); i++) {
            UUID id = UUID.nameUUIDFromBytes(("phase:" + projectId + ":" + i).getBytes(StandardCharsets.UTF_8));
            Phase phase = new Phase(id, projectId, Phase.DEFAULT_NAMES.get(i), i, event.project().createdAt(), 1);
            if (phases.insert(phase)) {
                events.publishEvent(new PhaseCreated(phase.state(), 1, Origin.CORE));
            }
        }
    }

    @EventListener
    void track(ProjectChanged event) {
        projects.apply(event.project().id(), event.version());
    }

    /** A deleted project's phases go with it (the legacy sends its own deletions). */
    @EventListener
    void track(ProjectDeleted event) {
        projects.remove(event.projectId());
        members.removeProject(event.projectId());
    }

    @FollowUp
    void on(ProjectDeleted event) {
        if (event.origin() == Origin.CORE) {
            phases.ofProject(event.projectId()).forEach(p -> remove(p, Origin.CORE));
        }
    }

    @EventListener
    void track(MembershipAdded event) {
        members.apply(event.membership(), event.version());
    }

    @EventListener
    void track(MembershipChanged event) {
        members.apply(event.membership(), event.version());
    }

    @EventListener
    void track(MembershipRemoved event) {
        members.remove(event.membershipId());
    }

    @EventListener
    void track(TicketCreated event) {
        phases.applyTicket(event.ticket().id(), event.ticket().phaseId(), event.version());
    }

    @EventListener
    void track(TicketChanged event) {
        phases.applyTicket(event.ticket().id(), event.ticket().phaseId(), event.version());
    }

    @EventListener
    void track(TicketDeleted event) {
        phases.removeTicket(event.ticketId());
    }

    private void lockAsAdmin(Caller caller, UUID projectId) {
        locks.lockExisting(projectId);
        members.requireAdmin(caller, projectId);
    }

    private Phase load(UUID id) {
        return phases.find(id).orElseThrow(() -> ApiException.notFound("no phase " + id));
    }

    private void save(Phase p) {
        phases.update(p);
        events.publishEvent(new PhaseChanged(p.state(), p.version(), Origin.CORE));
    }

    private void remove(Phase p, Origin origin) {
        phases.delete(p.id());
        events.publishEvent(new PhaseDeleted(p.id(), p.projectId(), p.version() + 1, origin));
    }
}
