package io.ficus.core.users;

import static org.assertj.core.api.Assertions.assertThat;

import io.ficus.core.ModuleTest;
import io.ficus.core.shared.Origin;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.Scenario;

/** The users module alone: registration publishes the user, and a login's token names them. */
@ApplicationModuleTest
class UsersModuleTest extends ModuleTest {

    @Autowired
    UserManagement users;

    @Test
    void registrationPublishesTheUserAndItsLoginTokenNamesThem(Scenario scenario) {
        String email = "u-" + UUID.randomUUID() + "@example.com";
        scenario.stimulate(() -> users.register(new RegisterUser("U", email, "secret-password")))
                .andWaitForEventOfType(UserRegistered.class)
                .toArriveAndVerify((e, user) -> {
                    assertThat(e.user().id()).isEqualTo(user.id());
                    assertThat(e.origin()).isEqualTo(Origin.CORE);
                });
        String token = users.login(email, "secret-password").token();
        assertThat(users.authenticate(token)).hasValueSatisfying(c -> assertThat(c.email()).isEqualTo(email));
    }
}
