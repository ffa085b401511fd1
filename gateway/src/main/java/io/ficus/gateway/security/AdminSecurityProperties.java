package io.ficus.gateway.security;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may use the admin API and the console ({@code /ficus/**}) and the actuator, bound from {@code ficus.security.*}.
 * The same shape as legacy-adapter's, so one set of users can be passed to both.
 *
 * @param users   the named users; at least one is required, there is no default user
 * @param lockout how repeated wrong passwords are slowed down
 */
@ConfigurationProperties("ficus.security")
public record AdminSecurityProperties(@DefaultValue List<User> users, @DefaultValue Lockout lockout) {

    /**
     * One user of the admin API (HTTP Basic).
     *
     * @param name     the user name, also recorded as the actor of every change the user makes
     * @param password the password as a Spring Security {@code DelegatingPasswordEncoder} hash with its {@code {id}}
     *                 prefix, such as {@code {bcrypt}$2a$10$...}; {@code {noop}} and unprefixed values are refused
     * @param roles    {@code VIEWER} (reads evidence: GET and HEAD on the admin API, the actuator) and/or
     *                 {@code OPERATOR} (everything a viewer may, plus mode changes); OPERATOR implies VIEWER
     */
    public record User(String name, String password, @DefaultValue List<Role> roles) {

        @Override
        public String toString() {
            return "User[name=" + name + ", password=***, roles=" + roles + "]";
        }
    }

    /** The roles of the admin API. */
    public enum Role {
        /** Reads routes, figures, the audit trail, comparisons and the actuator. */
        VIEWER,
        /** Everything a viewer may, plus every change (PUT, POST, PATCH, DELETE on {@code /ficus/**}). */
        OPERATOR
    }

    /**
     * Lock-out after repeated wrong passwords, per user name and client address.
     *
     * @param maxFailures wrong passwords for one user name from one client address within {@code window} after which
     *                    that pair is locked out
     * @param window      the time the failures are counted in, from the first one
     * @param duration    how long a locked-out pair gets {@code 429 Too Many Requests}, even with the right password
     * @param maxTracked  most (user name, address) pairs remembered at once; beyond it the least recently used are
     *                    forgotten, so a flood of made-up names cannot exhaust memory
     */
    public record Lockout(
            @DefaultValue("5") int maxFailures,
            @DefaultValue("1m") Duration window,
            @DefaultValue("30s") Duration duration,
            @DefaultValue("100000") long maxTracked) {

        public Lockout {
            if (maxFailures < 1) {
                throw new IllegalArgumentException("ficus.security.lockout.max-failures must be at least 1");
            }
            if (window.isNegative() || window.isZero() || duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("ficus.security.lockout.window and .duration must be positive");
            }
            if (maxTracked < 1) {
                throw new IllegalArgumentException("ficus.security.lockout.max-tracked must be at least 1");
            }
        }
    }
}
