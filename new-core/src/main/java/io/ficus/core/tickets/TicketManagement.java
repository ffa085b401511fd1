package io.ficus.core.tickets;

import io.ficus.core.projects.ProjectLocks;
import io.ficus.support.web.ApiException;
import io.ficus.core.shared.Caller;
import io.ficus.core.shared.IdTable;
import io.ficus.core.shared.MemberTable;
import io.ficus.core.shared.Origin;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The ticket use cases: each one transaction on one ticket, under its project's lock. */
@Service
public class TicketManagement {

    private final TicketRepository tickets;
    private final IdTable projects;
    private final MemberTable members;
    private final ProjectLocks locks;
    private final TicketRules rules;

    TicketManagement(TicketRepository tickets, KnownPhases phases, ProjectLocks locks, JdbcClient jdbc) {
        this.tickets = tickets;
        this.locks = locks;
        this.projects = new IdTable(jdbc, "tickets_project");
        this.members = new MemberTable(jdbc, "tickets_member");
        this.rules = new ReadModelRules(phases, members);
    }

    @Transactional
    public Ticket create(Caller caller, CreateTicket command) {
        lockAsMember(caller, command.projectId());
        return tickets.save(Ticket.create(command, rules));
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
        lockAsMember(caller, load(command.ticketId()).projectId());
        Ticket ticket = load(command.ticketId());
        ticket.change(command, rules);
        return tickets.save(ticket);
    }

    @Transactional
    public void delete(Caller caller, UUID id) {
        lockAsMember(caller, load(id).projectId());
        Ticket ticket = load(id);
        ticket.delete(Origin.CORE);
        tickets.save(ticket);
    }

    private void lockAsMember(Caller caller, UUID projectId) {
        locks.lockExisting(projectId);
        members.requireMember(caller, projectId);
    }

    private Ticket load(UUID id) {
        return tickets.find(id).orElseThrow(() -> ApiException.notFound("no ticket " + id));
    }
}
