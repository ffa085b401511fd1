package io.ficus.core.memberships;

import io.ficus.core.projects.ProjectChanged;
import io.ficus.core.projects.ProjectCreated;
import io.ficus.core.projects.ProjectDeleted;
import io.ficus.core.shared.IdTable;
import io.ficus.core.users.UserChanged;
import io.ficus.core.users.UserDeleted;
import io.ficus.core.users.UserRegistered;
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
    }

    @EventListener
    void on(UserRegistered event) {
        users.apply(event.user().id(), event.version());
    }

    @EventListener
    void on(UserChanged event) {
        users.apply(event.user().id(), event.version());
    }

    @EventListener
    void on(UserDeleted event) {
        users.remove(event.userId());
    }
}
