package io.ficus.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.ficus.testkit.TestHttp;
import io.ficus.testkit.races.CrossAggregateRaces;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;

/**
 * Every rule that spans aggregates holds under concurrent requests, with the legacy's answers: the rounds of
 * {@link CrossAggregateRaces}, which legacy-app's race test runs against the legacy, run against the core.
 */
class CrossAggregateRaceTest extends CoreTest implements CrossAggregateRaces {

    /** Every cascade completed, none left failed in the registry; and no backlog of events for the next test. */
    @AfterEach
    void everyPublicationCompleted() {
        Awaitility.await().untilAsserted(() ->
                assertThat(count("select count(*) from event_publication where completion_date is null")).isZero());
    }

    @Override
    public TestHttp http() {
        return TestHttp.to(port).timeout(Duration.ofSeconds(60));
    }

    @Override
    public long ticketsInMissingPhases(String projectId) {
        return count("select count(*) from tickets_ticket t where t.project_id = ?::uuid"
                + " and not exists (select 1 from phases_phase p where p.id = t.phase_id)", projectId);
    }

    @Override
    public long assigneesWhoAreNotMembers(String projectId) {
        return count("select count(*) from tickets_assignee a join tickets_ticket t on t.id = a.ticket_id"
                + " where t.project_id = ?::uuid and not exists (select 1 from memberships_membership m"
                + " where m.project_id = t.project_id and m.user_id = a.user_id and m.status = 'ACCEPTED')", projectId);
    }

    @Override
    public long ticketsOf(String[] projectIds) {
        return count("select count(*) from tickets_ticket where project_id::text = any(?)", (Object) projectIds);
    }

    @Override
    public long phasesOf(String[] projectIds) {
        return count("select count(*) from phases_phase where project_id::text = any(?)", (Object) projectIds);
    }

    @Override
    public long membershipsOf(String[] projectIds) {
        return count("select count(*) from memberships_membership where project_id::text = any(?)", (Object) projectIds);
    }

    @Override
    public long projectsWithoutAnAdmin(String[] projectIds) {
        return count("select count(*) from projects_project p where p.id::text = any(?) and not exists (select 1"
                + " from memberships_membership m where m.project_id = p.id and m.role = 'ADMIN' and m.status = 'ACCEPTED')",
                (Object) projectIds);
    }
}
