package io.ficus.adapter.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Counts wrong passwords per (user name, client address) and tells when a pair is locked out.
 * At most {@link SecurityProperties.Lockout#maxTracked()} pairs are kept, least recently seen
 * forgotten first.
 */
final class LoginLockout {

    private record Key(String name, String address) {
    }

    private static final class Attempts {
        Instant firstFailure;
        int failures;
        Instant lockedUntil;
    }

    private final SecurityProperties.Lockout settings;
    private final Clock clock;
    private final Map<Key, Attempts> attempts;

    LoginLockout(SecurityProperties.Lockout settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.attempts = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Attempts> eldest) {
                return size() > settings.maxTracked();
            }
        };
    }

    /** How long the pair stays locked out, or empty when it may try. */
    synchronized Optional<Duration> lockedFor(String name, String address) {
        Attempts a = attempts.get(new Key(name, address));
        if (a == null || a.lockedUntil == null) {
            return Optional.empty();
        }
        Duration left = Duration.between(clock.instant(), a.lockedUntil);
        if (left.isNegative() || left.isZero()) {
            attempts.remove(new Key(name, address));
            return Optional.empty();
        }
        return Optional.of(left);
    }

    /** A wrong password: counted, and the pair locked out once it reaches the maximum within the window. */
    synchronized void failed(String name, String address) {
        Instant now = clock.instant();
        Attempts a = attempts.computeIfAbsent(new Key(name, address), k -> new Attempts());
        if (a.firstFailure == null || a.firstFailure.plus(settings.window()).isBefore(now)) {
            a.firstFailure = now;
            a.failures = 0;
            a.lockedUntil = null;
        }
        a.failures++;
        if (a.failures >= settings.maxFailures()) {
            a.lockedUntil = now.plus(settings.duration());
        }
    }

    /** A right password: the pair starts afresh. */
    synchronized void succeeded(String name, String address) {
        attempts.remove(new Key(name, address));
    }

    synchronized int tracked() {
        return attempts.size();
    }
}
