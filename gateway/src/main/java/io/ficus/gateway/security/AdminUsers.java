package io.ficus.gateway.security;

import io.ficus.gateway.security.AdminSecurityProperties.Role;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The configured users, checked once at startup: the application refuses to start without a user, with a password
 * that is not a hash with an {@code {id}} prefix ({@code {noop}} included), or while the retired
 * {@code ficus.gateway.admin.*} properties are still set.
 */
final class AdminUsers {

    /** OPERATOR implies VIEWER. */
    static final RoleHierarchy HIERARCHY = RoleHierarchyImpl.withDefaultRolePrefix()
            .role(Role.OPERATOR.name()).implies(Role.VIEWER.name())
            .build();

    /** Adaptive hashes a {@code DelegatingPasswordEncoder} can check; message digests and {@code {noop}} are refused. */
    private static final Set<String> ACCEPTED_IDS = Set.of("bcrypt", "pbkdf2", "pbkdf2@SpringSecurity_v5_8", "scrypt",
            "scrypt@SpringSecurity_v5_8", "argon2", "argon2@SpringSecurity_v5_8");

    private static final Pattern ID_PREFIX = Pattern.compile("\\{([^{}]+)}(.+)");

    private static final Pattern BCRYPT = Pattern.compile("\\$2[abxy]?\\$\\d\\d\\$[./A-Za-z0-9]{53}");

    private static final String HOW = "set ficus.security.users[i].name, .password (a hash such as {bcrypt}$2a$10$...)"
            + " and .roles (VIEWER or OPERATOR)";

    private AdminUsers() {
    }

    /** Fails when a property of the single shared admin account of earlier versions is still set. */
    static void refuseRetiredProperties(Environment environment) {
        Binder.get(environment).bind("ficus.gateway.admin", Bindable.mapOf(String.class, Object.class))
                .ifBound(retired -> {
                    throw new IllegalStateException("ficus.gateway.admin." + String.join(", ficus.gateway.admin.", retired.keySet())
                            + " is no longer supported: the admin API has named users with roles; " + HOW
                            + " under ficus.security.users");
                });
    }

    /** The users as Spring Security sees them, with the roles the hierarchy implies. */
    static MapReactiveUserDetailsService of(AdminSecurityProperties properties) {
        List<AdminSecurityProperties.User> users = properties.users();
        if (users.isEmpty()) {
            throw new IllegalStateException("No admin user is configured: " + HOW + " under ficus.security.users;"
                    + " the admin API has no default user");
        }
        Set<String> names = new HashSet<>();
        List<UserDetails> details = new ArrayList<>();
        for (int i = 0; i < users.size(); i++) {
            AdminSecurityProperties.User user = users.get(i);
            String at = "ficus.security.users[" + i + "]";
            if (user.name() == null || user.name().isBlank() || user.name().contains(":")) {
                throw new IllegalStateException(at + ".name must be set (and must not contain ':')");
            }
            if (!names.add(user.name())) {
                throw new IllegalStateException(at + ".name " + user.name() + " is configured twice");
            }
            checkPassword(at, user.password());
            if (user.roles().isEmpty()) {
                throw new IllegalStateException(at + ".roles must name VIEWER and/or OPERATOR");
            }
            Collection<? extends GrantedAuthority> authorities = HIERARCHY.getReachableGrantedAuthorities(
                    user.roles().stream().map(role -> new SimpleGrantedAuthority("ROLE_" + role.name())).toList());
            details.add(User.withUsername(user.name()).password(user.password()).authorities(authorities).build());
        }
        return new MapReactiveUserDetailsService(details);
    }

    private static void checkPassword(String at, String password) {
        if (password == null || password.isBlank()) {
            throw new IllegalStateException(at + ".password must be set to a password hash such as {bcrypt}$2a$10$...");
        }
        var prefixed = ID_PREFIX.matcher(password);
        if (!prefixed.matches()) {
            throw new IllegalStateException(at + ".password is not a password hash with an {id} prefix"
                    + " (such as {bcrypt}$2a$10$...); clear-text passwords are refused");
        }
        String id = prefixed.group(1);
        if (!ACCEPTED_IDS.contains(id)) {
            throw new IllegalStateException(at + ".password uses {" + id + "}, which is refused: use an adaptive hash, "
                    + ACCEPTED_IDS.stream().sorted().map(a -> "{" + a + "}").toList());
        }
        if (id.equals("bcrypt") && !BCRYPT.matcher(prefixed.group(2)).matches()) {
            throw new IllegalStateException(at + ".password is not a well-formed bcrypt hash ($2a$<cost>$ and 53 characters)");
        }
    }
}
