package io.ficus.adapter.security;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may use the admin API ({@code /ficus/**}) and how wrong passwords are throttled; the same
 * shape as the gateway's.
 *
 * @param users   the named users; at least one is required when the adapter serves HTTP (the
 *                one-shot {@code reconcile} command needs none)
 * @param lockout how repeated wrong passwords lock a user name out for one client address
 */
@ConfigurationProperties("ficus.security")
public record SecurityProperties(List<User> users, @DefaultValue Lockout lockout) {

    public SecurityProperties {
        users = users == null ? List.of() : List.copyOf(users);
    }

    /** What a user may do on the admin API. */
    public enum Role {
        /** Reads evidence: GET on the admin API (reports, job status). */
        VIEWER,
        /** Everything a viewer may, plus starting reconciliation runs and repair. */
        OPERATOR
    }

    /**
     * One user of the admin API.
     *
     * @param name     the user name given with HTTP Basic; recorded as the actor of what it starts
     * @param password the password as a hash with a {@code {id}} prefix, as Spring Security's
     *                 {@code DelegatingPasswordEncoder} stores it, such as {@code {bcrypt}$2a$10$...};
     *                 plain text and {@code {noop}} are refused at startup
     * @param roles    {@code VIEWER} and/or {@code OPERATOR} (which implies {@code VIEWER})
     */
    public record User(String name, String password, Set<Role> roles) {

        public User {
            roles = roles == null ? Set.of() : Set.copyOf(roles);
        }

        @Override
        public String toString() {
            return "User[" + name + ", " + roles + "]";
        }
    }

    /**
     * Lock-out after repeated wrong passwords, per user name and client address.
     *
     * @param maxFailures wrong passwords within {@code window} that lock the pair out
     * @param window      how far back wrong passwords are counted
     * @param duration    how long a locked-out pair gets 429, even with the right password
     * @param maxTracked  most (user name, client address) pairs remembered at once; beyond it the
     *                    least recently seen pair is forgotten, so memory stays bounded whatever a
     *                    caller sends
     */
    public record Lockout(@DefaultValue("5") int maxFailures, @DefaultValue("1m") Duration window,
                          @DefaultValue("30s") Duration duration, @DefaultValue("10000") int maxTracked) {

        public Lockout {
            if (maxFailures < 1) {
                throw new IllegalArgumentException("ficus.security.lockout.max-failures must be at least 1, not " + maxFailures);
            }
            if (window.isNegative() || window.isZero() || duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("ficus.security.lockout.window and duration must be positive");
            }
            if (maxTracked < 1) {
                throw new IllegalArgumentException("ficus.security.lockout.max-tracked must be at least 1, not " + maxTracked);
            }
        }
    }
}
