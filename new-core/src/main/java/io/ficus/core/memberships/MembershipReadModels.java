package io.ficus.core.memberships;

import io.ficus.core.projects.ProjectEvent;
import io.ficus.core.shared.IdTable;
import io.ficus.core.users.UserEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** This module's read models of projects and users, updated inside the transaction of each change. */
@Component
class MembershipReadModels {

    private final IdTable projects;
    private final IdTable users;

    MembershipReadModels(JdbcClient jdbc) {
        this.projects = new IdTable(jdbc, "memberships_project");
        this.users = new IdTable(jdbc, "memberships_user");
    }

    @EventListener
    void on(ProjectEvent event) {
        projects.follow(event);
    }

    @EventListener
    void on(UserEvent event) {
        users.follow(event);
    }
}
