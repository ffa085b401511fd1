package io.ficus.core.phases;

import io.ficus.core.projects.ProjectChanged;
import io.ficus.core.projects.ProjectCreated;
import io.ficus.core.projects.ProjectDeleted;
import io.ficus.core.shared.IdTable;
import io.ficus.core.shared.MemberTable;
import io.ficus.core.shared.events.MembershipAdded;
import io.ficus.core.shared.events.MembershipChanged;
import io.ficus.core.shared.events.MembershipRemoved;
import io.ficus.core.tickets.TicketChanged;
import io.ficus.core.tickets.TicketCreated;
import io.ficus.core.tickets.TicketDeleted;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** This module's read models of projects, members and tickets (per phase), updated inside the transaction of each change. */
@Component
class PhaseReadModels {

    private final PhaseRepository phases;
    private final IdTable projects;
    private final MemberTable members;

    PhaseReadModels(PhaseRepository phases, JdbcClient jdbc) {
        this.phases = phases;
        this.projects = new IdTable(jdbc, "phases_project");
        this.members = new MemberTable(jdbc, "phases_member");
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

    @EventListener
    void on(TicketCreated event) {
        phases.applyTicket(event.ticket().id(), event.ticket().phaseId(), event.version());
    }

    @EventListener
    void on(TicketChanged event) {
        phases.applyTicket(event.ticket().id(), event.ticket().phaseId(), event.version());
    }

    @EventListener
    void on(TicketDeleted event) {
        phases.removeTicket(event.ticketId());
    }
}
