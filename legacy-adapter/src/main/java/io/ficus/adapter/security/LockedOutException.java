package io.ficus.adapter.security;

import java.time.Duration;
import org.springframework.security.core.AuthenticationException;

/** A login refused, whatever its password, because its user name and address are locked out. */
final class LockedOutException extends AuthenticationException {

    private final Duration retryAfter;

    LockedOutException(Duration retryAfter) {
        super("Too many wrong passwords: try again in " + seconds(retryAfter) + " s");
        this.retryAfter = retryAfter;
    }

    /** Whole seconds to wait, at least one. */
    long retryAfterSeconds() {
        return seconds(retryAfter);
    }

    private static long seconds(Duration d) {
        return Math.max(1, (d.toMillis() + 999) / 1000);
    }
}
