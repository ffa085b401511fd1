package io.ficus.core.tickets;

import io.ficus.contracts.ChangeKind;
import io.ficus.contracts.LegacyChange;
import io.ficus.contracts.TicketState;
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
import io.ficus.core.shared.events.UserDeleted;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The ticket use cases, and the module's reactions to project, phase, membership and user events. */
@Service
public class TicketManagement {

    private final TicketRepository tickets;
    private final IdTable projects;
    private final MemberTable members;
    private final ProjectLocks locks;
    private final ApplicationEventPublisher events;

    TicketManagement(TicketRepository tickets, ProjectLocks locks, JdbcClient jdbc, ApplicationEventPublisher events) {
        this.tickets = tickets;
        this.locks = locks;
        this.projects = new IdTable(jdbc, "tickets_project");
        this.members = new MemberTable(jdbc, "tickets_member");
        this.events = events;
    }

    @Transactional
    public Ticket create(Caller caller, CreateTicket command) {
        UUID projectId = command.projectId();
        lockAsMember(caller, projectId);
        Checks.text("title", command.title(), 200);
        Checks.optionalText("description", command.description(), 4000);
        List<UUID> assignees = acceptedMembers(projectId, command.assigneeIds());
        UUID firstPhase = tickets.firstPhase(projectId);
        if (firstPhase == null) {
            throw ApiException.conflict("project " + projectId + " has no phase to put a ticket in");
        }
        Ticket ticket = new Ticket(UUID.randomUUID(), projectId, firstPhase, command.title(), command.description(),
                command.dueTime(), Timestamps.now(), assignees, 1);
        tickets.insert(ticket);
        events.publishEvent(new TicketCreated(ticket.state(), 1, Origin.CORE));
        return ticket;
    }

    @Transactional(readOnly = true)
    public Ticket get(Caller caller, UUID id) {
        Ticket ticket = load(id);
        members.requireMember(caller, ticket.projectId());
        return ticket;
    }

    @Transactional(readOnly = true)
    public List<Ticket> list(Caller caller, UUID projectId, UUID phaseId, UUID assigneeId) {
        if (!projects.exists(projectId)) {
            throw ApiException.notFound("no project " + projectId);
        }
        members.requireMember(caller, projectId);
        return tickets.inProject(projectId, phaseId, assigneeId);
    }

    @Transactional(readOnly = true)
    public List<Ticket> assignedTo(Caller caller) {
        return tickets.assignedTo(caller.id());
    }

    @Transactional
    public Ticket change(Caller caller, ChangeTicket command) {
        UUID projectId = load(command.ticketId()).projectId();
        lockAsMember(caller, projectId);
        Ticket ticket = load(command.ticketId());
        if (command.has("title")) {
            ticket = ticket.retitled(Checks.text("title", command.title(), 200));
        }
        if (command.has("description")) {
            ticket = ticket.described(Checks.optionalText("description", command.description(), 4000));
        }
        if (command.has("dueTime")) {
            ticket = ticket.dueAt(command.dueTime());
        }
        if (command.has("phaseId")) {
            if (command.phaseId() == null) {
                throw ApiException.badRequest("'phaseId' must not be null");
            }
            if (!tickets.isPhaseOf(command.phaseId(), projectId)) {
                throw ApiException.badRequest("'phaseId' " + command.phaseId() + " is not a phase of this ticket's project");
            }
            ticket = ticket.movedTo(command.phaseId());
        }
        if (command.has("assigneeIds")) {
            if (command.assigneeIds() == null) {
                throw ApiException.badRequest("'assigneeIds' must not be null");
            }
            ticket = ticket.assignedTo(acceptedMembers(projectId, command.assigneeIds()));
        }
        return save(ticket.nextVersion());
    }

    @Transactional
    public void delete(Caller caller, UUID id) {
        lockAsMember(caller, load(id).projectId());
        remove(load(id), Origin.CORE);
    }

    /** Applies a ticket change made in the legacy; the caller guarantees order and idempotency. */
    @Transactional
    public void applyLegacyChange(LegacyChange change) {
        Optional<Ticket> existing = tickets.find(change.entityId());
        if (change.kind() == ChangeKind.DELETED) {
            existing.ifPresent(t -> {
                locks.lock(t.projectId());
                remove(t, Origin.LEGACY);
            });
            return;
        }
        TicketState s = (TicketState) change.state();
        locks.lock(s.projectId());
        long version = existing.map(Ticket::version).orElse(0L) + 1;
        Ticket ticket = new Ticket(s.id(), s.projectId(), s.phaseId(), s.title(), s.description(), s.dueTime(), s.createdAt(),
                s.assigneeIds(), version);
        if (existing.isPresent()) {
            tickets.update(ticket);
            events.publishEvent(new TicketChanged(ticket.state(), version, Origin.LEGACY));
        } else {
            tickets.insert(ticket);
            events.publishEvent(new TicketCreated(ticket.state(), version, Origin.LEGACY));
        }
    }

    @EventListener
    void track(ProjectCreated event) {
        projects.apply(event.project().id(), event.version());
    }

    @EventListener
    void track(ProjectChanged event) {
        projects.apply(event.project().id(), event.version());
    }

    @EventListener
    void track(ProjectDeleted event) {
        projects.remove(event.projectId());
        members.removeProject(event.projectId());
        tickets.removePhasesOf(event.projectId());
    }

    /** A deleted project's tickets go with it (the legacy sends its own deletions). */
    @FollowUp
    void on(ProjectDeleted event) {
        if (event.origin() == Origin.CORE) {
            tickets.inProject(event.projectId(), null, null).forEach(t -> remove(t, Origin.CORE));
        }
    }

    @EventListener
    void track(PhaseCreated event) {
        tickets.applyPhase(event.phase().id(), event.phase().projectId(), event.phase().position(), event.version());
    }

    @EventListener
    void track(PhaseChanged event) {
        tickets.applyPhase(event.phase().id(), event.phase().projectId(), event.phase().position(), event.version());
    }

    @EventListener
    void track(PhaseDeleted event) {
        tickets.removePhase(event.phaseId());
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

    /**
     * A removed member is unassigned from the project's tickets, under the project's lock: a
     * ticket assigned before the removal committed is found here, one assigned after it was
     * refused (the member read model changed in the removing transaction).
     */
    @FollowUp
    void on(MembershipRemoved event) {
        if (event.origin() == Origin.CORE && event.projectId() != null) {
            locks.lock(event.projectId());
            tickets.inProject(event.projectId(), null, event.userId()).forEach(t -> save(t.without(event.userId()).nextVersion()));
        }
    }

    /** A deleted user is unassigned from every ticket. */
    @FollowUp
    void on(UserDeleted event) {
        if (event.origin() == Origin.CORE) {
            locks.lockAll(tickets.assignedTo(event.userId()).stream().map(Ticket::projectId).collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new)));
            tickets.assignedTo(event.userId()).forEach(t -> save(t.without(event.userId()).nextVersion()));
        }
    }

    private void lockAsMember(Caller caller, UUID projectId) {
        locks.lockExisting(projectId);
        members.requireMember(caller, projectId);
    }

    private List<UUID> acceptedMembers(UUID projectId, List<UUID> assigneeIds) {
        List<UUID> assignees = Checks.assignees(assigneeIds);
        if (!assignees.isEmpty() && members.countAccepted(projectId, assignees) != assignees.size()) {
            throw ApiException.badRequest("every assignee must be an accepted member of project " + projectId);
        }
        return assignees;
    }

    private Ticket load(UUID id) {
        return tickets.find(id).orElseThrow(() -> ApiException.notFound("no ticket " + id));
    }

    private Ticket save(Ticket ticket) {
        tickets.update(ticket);
        events.publishEvent(new TicketChanged(ticket.state(), ticket.version(), Origin.CORE));
        return ticket;
    }

    private void remove(Ticket ticket, Origin origin) {
        tickets.delete(ticket.id());
        events.publishEvent(new TicketDeleted(ticket.id(), ticket.projectId(), ticket.version() + 1, origin));
    }
}
