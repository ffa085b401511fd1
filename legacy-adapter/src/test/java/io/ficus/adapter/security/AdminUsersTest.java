package io.ficus.adapter.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ficus.adapter.security.SecurityProperties.Role;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

class AdminUsersTest {

    static final String HASH = "{bcrypt}" + new BCryptPasswordEncoder(4).encode("sandbox-admin");
    static final SecurityProperties.Lockout LOCKOUT = new SecurityProperties.Lockout(5, Duration.ofMinutes(1), Duration.ofSeconds(30), 10);

    static SecurityProperties users(SecurityProperties.User... users) {
        return new SecurityProperties(List.of(users), LOCKOUT);
    }

    @Test
    void acceptsBcryptHashesWithTheirRoles() {
        var details = AdminUsers.of(users(new SecurityProperties.User("admin", HASH, Set.of(Role.OPERATOR)),
                new SecurityProperties.User("viewer", HASH, Set.of(Role.VIEWER))));
        assertThat(details).extracting(u -> u.getUsername()).containsExactly("admin", "viewer");
        assertThat(details.get(0).getAuthorities()).extracting(a -> a.getAuthority()).containsExactly("ROLE_OPERATOR");
    }

    @Test
    void refusesToStartWithoutUsers() {
        assertThatThrownBy(() -> AdminUsers.of(users())).hasMessageContaining("ficus.security.users")
                .hasMessageContaining("at least one user");
    }

    @Test
    void refusesPasswordsThatAreNotHashes() {
        for (String password : List.of("{noop}sandbox-admin", "sandbox-admin", "$2a$10$abc", "{bcrypt}not-a-hash", "{MD5}5f4dcc3b5aa765d61d8327deb882cf99", "")) {
            assertThatThrownBy(() -> AdminUsers.of(users(new SecurityProperties.User("admin", password, Set.of(Role.OPERATOR)))))
                    .as(password).hasMessageContaining("ficus.security.users[0].password")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("sandbox-admin"));
        }
    }

    @Test
    void refusesAUserWithoutRoleOrWithADuplicateName() {
        assertThatThrownBy(() -> AdminUsers.of(users(new SecurityProperties.User("admin", HASH, Set.of()))))
                .hasMessageContaining("ficus.security.users[0].roles");
        assertThatThrownBy(() -> AdminUsers.of(users(new SecurityProperties.User("admin", HASH, Set.of(Role.OPERATOR)),
                new SecurityProperties.User("admin", HASH, Set.of(Role.VIEWER))))).hasMessageContaining("unique");
    }
}
