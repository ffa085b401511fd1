package io.ficus.adapter.security;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * Turns {@code ficus.security.users} into Spring Security users, refusing a configuration that
 * would leave the admin API open or hold a password in clear.
 */
final class AdminUsers {

    private static final String HOW = "a password hash with an {id} prefix as Spring Security's DelegatingPasswordEncoder"
            + " stores it, such as {bcrypt}$2a$10$... ({bcrypt} followed by what htpasswd -nbBC 10 '' 'the password' | tr -d ':\\n' prints)";
    private static final Pattern BCRYPT = Pattern.compile("\\{bcrypt}\\$2[aby]?\\$\\d\\d\\$[./0-9A-Za-z]{53}");
    private static final Pattern PBKDF2 = Pattern.compile("\\{pbkdf2(@SpringSecurity_v5_8)?}[0-9a-fA-F]{32,}");

    private AdminUsers() {
    }

    static List<UserDetails> of(SecurityProperties properties) {
        List<SecurityProperties.User> users = properties.users();
        if (users.isEmpty()) {
            throw new InvalidConfigurationPropertyValueException("ficus.security.users", "(none)",
                    "The admin API needs at least one user: set ficus.security.users[0].name, .password (" + HOW
                            + ") and .roles (VIEWER or OPERATOR)");
        }
        Set<String> names = new HashSet<>();
        return java.util.stream.IntStream.range(0, users.size()).mapToObj(i -> {
            SecurityProperties.User user = users.get(i);
            String property = "ficus.security.users[" + i + "]";
            if (user.name() == null || user.name().isBlank() || user.name().contains(":")) {
                throw new InvalidConfigurationPropertyValueException(property + ".name", user.name(),
                        "every user needs a name without ':'");
            }
            if (!names.add(user.name())) {
                throw new InvalidConfigurationPropertyValueException(property + ".name", user.name(), "user names must be unique");
            }
            checkPassword(property + ".password", user.password());
            if (user.roles().isEmpty()) {
                throw new InvalidConfigurationPropertyValueException(property + ".roles", "(none)",
                        "user '" + user.name() + "' needs a role: VIEWER or OPERATOR");
            }
            return User.withUsername(user.name()).password(user.password())
                    .roles(user.roles().stream().map(Enum::name).toArray(String[]::new)).build();
        }).toList();
    }

    /** Refuses anything but a bcrypt or PBKDF2 hash with its prefix; never echoes the value. */
    static void checkPassword(String property, String password) {
        if (password == null || password.isBlank()) {
            throw new InvalidConfigurationPropertyValueException(property, "(empty)", "must be " + HOW);
        }
        if (password.startsWith("{noop}")) {
            throw new InvalidConfigurationPropertyValueException(property, "{noop}(hidden)",
                    "{noop} stores the password in clear; it must be " + HOW);
        }
        if (!BCRYPT.matcher(password).matches() && !PBKDF2.matcher(password).matches()) {
            throw new InvalidConfigurationPropertyValueException(property, "(hidden)",
                    "not a bcrypt or pbkdf2 hash; it must be " + HOW);
        }
    }
}
