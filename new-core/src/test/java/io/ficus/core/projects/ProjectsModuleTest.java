package io.ficus.core.projects;

import static org.assertj.core.api.Assertions.assertThat;

import io.ficus.contracts.UserState;
import io.ficus.core.ModuleTest;
import io.ficus.core.shared.Origin;
import io.ficus.core.users.UserRegistered;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.Scenario;

/** The projects module alone: a user registered by the core gets a default project. */
@ApplicationModuleTest(mode = ApplicationModuleTest.BootstrapMode.DIRECT_DEPENDENCIES, extraIncludes = "shared")
class ProjectsModuleTest extends ModuleTest {

    static final LocalDateTime T = LocalDateTime.of(2026, 1, 1, 0, 0);

    static UUID defaultProjectOf(UUID user) {
        return UUID.nameUUIDFromBytes(("default-project:" + user).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aUserRegisteredInTheCoreGetsADefaultProject(Scenario scenario) {
        UUID user = UUID.randomUUID();
        scenario.publish(new UserRegistered(new UserState(user, "U", user + "@example.com", "hash", T), 1, Origin.CORE))
                .andWaitForStateChange(() -> jdbc.sql("select name from projects_project where id = ?").param(defaultProjectOf(user))
                        .query(String.class).optional().orElse(null))
                .andVerify(name -> assertThat(name).isEqualTo(Project.DEFAULT_NAME));
    }
}
