package io.ficus.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

class AdminUsersTest {

    private static final String HASH = "{bcrypt}$2a$04$cbT2BmByAmsyiMTk0y2xc.nGeSmiODQ1rTE2ag9bkd8HW2rQcqaQ6";

    private static AdminSecurityProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values))
                .bindOrCreate("ficus.security", AdminSecurityProperties.class);
    }

    private static Map<String, String> user(int i, String name, String password, String roles) {
        Map<String, String> values = new HashMap<>();
        values.put("ficus.security.users[" + i + "].name", name);
        values.put("ficus.security.users[" + i + "].password", password);
        values.put("ficus.security.users[" + i + "].roles", roles);
        return values;
    }

    @Test
    void refusesToStartWithoutAUser() {
        assertThatThrownBy(() -> AdminUsers.of(bind(Map.of())))
                .hasMessageContaining("No admin user is configured").hasMessageContaining("ficus.security.users");
    }

    @Test
    void refusesAClearTextPasswordNoopAndMessageDigests() {
        assertThatThrownBy(() -> AdminUsers.of(bind(user(0, "admin", "sandbox-admin", "OPERATOR"))))
                .hasMessageContaining("ficus.security.users[0].password is not a password hash with an {id} prefix");
        assertThatThrownBy(() -> AdminUsers.of(bind(user(0, "admin", "{noop}sandbox-admin", "OPERATOR"))))
                .hasMessageContaining("{noop}").hasMessageContaining("refused");
        assertThatThrownBy(() -> AdminUsers.of(bind(user(0, "admin", "{MD5}0cc175b9c0f1b6a831c399e269772661", "OPERATOR"))))
                .hasMessageContaining("{MD5}");
        assertThatThrownBy(() -> AdminUsers.of(bind(user(0, "admin", "{bcrypt}not-a-hash", "OPERATOR"))))
                .hasMessageContaining("not a well-formed bcrypt hash");
        assertThatThrownBy(() -> AdminUsers.of(bind(user(0, "admin", "", "OPERATOR"))))
                .hasMessageContaining("ficus.security.users[0].password must be set");
    }

    @Test
    void refusesAUserWithoutRolesOrANameOrTwiceTheSameName() {
        assertThatThrownBy(() -> AdminUsers.of(bind(user(0, "admin", HASH, ""))))
                .hasMessageContaining("ficus.security.users[0].roles");
        assertThatThrownBy(() -> AdminUsers.of(bind(user(0, "", HASH, "VIEWER"))))
                .hasMessageContaining("ficus.security.users[0].name must be set");
        Map<String, String> twice = user(0, "admin", HASH, "VIEWER");
        twice.putAll(user(1, "admin", HASH, "OPERATOR"));
        assertThatThrownBy(() -> AdminUsers.of(bind(twice))).hasMessageContaining("configured twice");
    }

    @Test
    void refusesAnUnknownRole() {
        assertThatThrownBy(() -> bind(user(0, "admin", HASH, "ADMIN"))).hasStackTraceContaining("ADMIN");
    }

    @Test
    void givesAnOperatorTheViewerRoleToo() {
        Map<String, String> values = user(0, "admin", HASH, "OPERATOR");
        values.putAll(user(1, "viewer", HASH, "VIEWER"));
        var users = AdminUsers.of(bind(values));

        assertThat(roles(users.findByUsername("admin").block())).containsExactlyInAnyOrder("ROLE_OPERATOR", "ROLE_VIEWER");
        assertThat(roles(users.findByUsername("viewer").block())).containsExactly("ROLE_VIEWER");
    }

    @Test
    void neverPrintsAPassword() {
        assertThat(bind(user(0, "admin", HASH, "OPERATOR")).toString()).doesNotContain("$2a$");
    }

    @Test
    void refusesTheRetiredSharedAccountProperties() {
        MockEnvironment environment = new MockEnvironment().withProperty("ficus.gateway.admin.username", "admin")
                .withProperty("ficus.gateway.admin.password", "secret");

        assertThatThrownBy(() -> AdminUsers.refuseRetiredProperties(environment))
                .hasMessageContaining("ficus.gateway.admin.").hasMessageContaining("ficus.security.users")
                .hasMessageNotContaining("secret");
        AdminUsers.refuseRetiredProperties(new MockEnvironment().withProperty("ficus.gateway.legacy-url", "http://x"));
    }

    private static java.util.List<String> roles(UserDetails user) {
        return user.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
    }
}
