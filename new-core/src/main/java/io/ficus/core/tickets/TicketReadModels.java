package io.ficus.core.tickets;

import io.ficus.core.projects.ProjectDeleted;
import io.ficus.core.projects.ProjectEvent;
import io.ficus.core.shared.IdTable;
import io.ficus.core.shared.MemberTable;
import io.ficus.core.shared.events.MembershipEvent;
import io.ficus.core.shared.events.PhaseEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** This module's read models of projects, phases and members, updated inside the transaction of each change. */
@Component
class TicketReadModels {

    private final KnownPhases phases;
    private final IdTable projects;
    private final MemberTable members;

    TicketReadModels(KnownPhases phases, JdbcClient jdbc) {
        this.phases = phases;
        this.projects = new IdTable(jdbc, "tickets_project");
        this.members = new MemberTable(jdbc, "tickets_member");
    }

    @EventListener
    void on(ProjectEvent event) {
        projects.follow(event);
    }

    /** A deleted project's members and phases go with it. */
    @EventListener
    void on(ProjectDeleted event) {
        members.removeProject(event.projectId());
        phases.removeProject(event.projectId());
    }

    @EventListener
    void on(PhaseEvent event) {
        phases.follow(event);
    }

    @EventListener
    void on(MembershipEvent event) {
        members.follow(event);
    }
}
