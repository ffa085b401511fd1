package io.ficus.core.tickets;

import io.ficus.core.shared.IdTable;
import io.ficus.core.shared.MemberTable;
import io.ficus.core.shared.events.MembershipAdded;
import io.ficus.core.shared.events.MembershipChanged;
import io.ficus.core.shared.events.MembershipRemoved;
import io.ficus.core.shared.events.PhaseChanged;
import io.ficus.core.shared.events.PhaseCreated;
import io.ficus.core.shared.events.PhaseDeleted;
import io.ficus.core.projects.ProjectChanged;
import io.ficus.core.projects.ProjectCreated;
import io.ficus.core.projects.ProjectDeleted;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** This module's read models of projects, phases and members, updated inside the transaction of each change. */
@Component
class TicketReadModels {

    private final TicketRepository tickets;
    private final IdTable projects;
    private final MemberTable members;

    TicketReadModels(TicketRepository tickets, JdbcClient jdbc) {
        this.tickets = tickets;
        this.projects = new IdTable(jdbc, "tickets_project");
        this.members = new MemberTable(jdbc, "tickets_member");
    }

    @EventListener
    void on(ProjectCreated event) {
        projects.apply(event.project().id(), event.version());
    }

    @EventListener
    void on(ProjectChanged event) {
        projects.apply(event.project().id(), event.version());
    }

    @EventListener
    void on(ProjectDeleted event) {
        projects.remove(event.projectId());
        members.removeProject(event.projectId());
        tickets.removePhasesOf(event.projectId());
    }

    @EventListener
    void on(PhaseCreated event) {
        tickets.applyPhase(event.phase().id(), event.phase().projectId(), event.phase().position(), event.version());
    }

    @EventListener
    void on(PhaseChanged event) {
        tickets.applyPhase(event.phase().id(), event.phase().projectId(), event.phase().position(), event.version());
    }

    @EventListener
    void on(PhaseDeleted event) {
        tickets.removePhase(event.phaseId());
    }

    @EventListener
    void on(MembershipAdded event) {
        members.apply(event.membership(), event.version());
    }

    @EventListener
    void on(MembershipChanged event) {
        members.apply(event.membership(), event.version());
    }

    @EventListener
    void on(MembershipRemoved event) {
        members.remove(event.membershipId());
    }
}
