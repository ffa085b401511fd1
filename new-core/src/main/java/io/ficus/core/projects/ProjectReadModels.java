package io.ficus.core.projects;

import io.ficus.core.shared.MemberTable;
import io.ficus.core.shared.events.MembershipEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** This module's read model of members (who may see and change a project), updated inside the transaction of each change. */
@Component
class ProjectReadModels {

    private final MemberTable members;

    ProjectReadModels(JdbcClient jdbc) {
        this.members = new MemberTable(jdbc, "projects_member");
    }

    @EventListener
    void on(MembershipEvent event) {
        members.follow(event);
    }
}
