package io.ficus.core.phases;

import io.ficus.core.projects.ProjectDeleted;
import io.ficus.core.projects.ProjectEvent;
import io.ficus.core.shared.IdTable;
import io.ficus.core.shared.MemberTable;
import io.ficus.core.shared.events.MembershipEvent;
import io.ficus.core.tickets.TicketEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** This module's read models of projects, members and tickets (per phase), updated inside the transaction of each change. */
@Component
class PhaseReadModels {

    private final TicketCounts tickets;
    private final IdTable projects;
    private final MemberTable members;

    PhaseReadModels(TicketCounts tickets, JdbcClient jdbc) {
        this.tickets = tickets;
        this.projects = new IdTable(jdbc, "phases_project");
        this.members = new MemberTable(jdbc, "phases_member");
    }

    @EventListener
    void on(ProjectEvent event) {
        projects.follow(event);
    }

    /** A deleted project's members go with it. */
    @EventListener
    void on(ProjectDeleted event) {
        members.removeProject(event.projectId());
    }

    @EventListener
    void on(MembershipEvent event) {
        members.follow(event);
    }

    @EventListener
    void on(TicketEvent event) {
        tickets.follow(event);
    }
}
