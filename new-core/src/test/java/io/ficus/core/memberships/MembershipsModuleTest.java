package io.ficus.core.memberships;

import static org.assertj.core.api.Assertions.assertThat;

import io.ficus.contracts.ProjectState;
import io.ficus.contracts.UserState;
import io.ficus.core.ModuleTest;
import io.ficus.core.projects.ProjectCreated;
import io.ficus.core.shared.Origin;
import io.ficus.core.users.UserDeleted;
import io.ficus.core.users.UserRegistered;
import java.time.LocalDateTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.Scenario;

/** The memberships module alone: its cascades after the projects and users modules' decisions. */
@ApplicationModuleTest(mode = ApplicationModuleTest.BootstrapMode.DIRECT_DEPENDENCIES, extraIncludes = "shared")
class MembershipsModuleTest extends ModuleTest {

    static final LocalDateTime T = LocalDateTime.of(2026, 1, 1, 0, 0);

    @Test
    void aProjectsCreatorBecomesItsAdminAndDeletingThemAbandonsTheProject(Scenario scenario) {
        UUID project = project(), user = UUID.randomUUID();
        published(new UserRegistered(new UserState(user, "U", user + "@example.com", "hash", T), 1, Origin.LEGACY));

        scenario.publish(new ProjectCreated(new ProjectState(project, "p", null, T), user, false, 1, Origin.CORE))
                .andWaitForStateChange(() -> count("select count(*) from memberships_membership where project_id = ? and user_id = ?"
                        + " and role = 'ADMIN' and status = 'ACCEPTED'", project, user), n -> n == 1)
                .andVerify(n -> assertThat(n).isOne());

        // The last admin's deletion reports the project abandoned, and the projects module (a dependency) deletes it.
        scenario.publish(new UserDeleted(user, 2, Origin.CORE))
                .andWaitForStateChange(() -> count("select count(*) from projects_project where id = ?", project), n -> n == 0)
                .andVerify(n -> assertThat(count("select count(*) from memberships_membership where user_id = ?", user)).isZero());
    }

    @Test
    void aUserDeletedInTheLegacyLeavesTheCascadeToTheLegacy() {
        UUID user = UUID.randomUUID();
        published(new UserRegistered(new UserState(user, "U", user + "@example.com", "hash", T), 1, Origin.LEGACY),
                new UserDeleted(user, 2, Origin.LEGACY));
        assertThat(count("select count(*) from memberships_user where id = ?", user)).isZero();
    }
}
