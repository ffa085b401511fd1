package io.ficus.gateway.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.Optional;

/**
 * Counts wrong passwords per user name and client address: after {@code maxFailures} within {@code window} (counted
 * from the first failure), the pair is locked out for {@code duration}, whatever the password. A success resets the
 * count. Entries expire when their window or lock-out ends, and at most {@code maxTracked} pairs are kept (least
 * recently used forgotten first), so the state is bounded whatever a client sends.
 */
final class LoginLockout {

    private record Key(String user, String address) {
    }

    /**
     * @param failures    wrong passwords in the current window
     * @param windowEnd   when the window ends, in ticker nanoseconds
     * @param lockedUntil when the lock-out ends, in ticker nanoseconds; 0 when not locked
     */
    private record Attempts(int failures, long windowEnd, long lockedUntil) {

        long expiresAt() {
            return Math.max(windowEnd, lockedUntil);
        }
    }

    private final int maxFailures;
    private final long windowNanos;
    private final long durationNanos;
    private final Ticker ticker;
    private final Cache<Key, Attempts> attempts;

    LoginLockout(AdminSecurityProperties.Lockout settings, Ticker ticker) {
        this.maxFailures = settings.maxFailures();
        this.windowNanos = settings.window().toNanos();
        this.durationNanos = settings.duration().toNanos();
        this.ticker = ticker;
        this.attempts = Caffeine.newBuilder()
                .ticker(ticker)
                .maximumSize(settings.maxTracked())
                .expireAfter(Expiry.<Key, Attempts>writing((key, value) -> Duration.ofNanos(Math.max(1, value.expiresAt() - ticker.read()))))
                .build();
    }

    /** How long this pair is still locked out, if it is. */
    Optional<Duration> lockedFor(String user, String address) {
        Attempts current = attempts.getIfPresent(new Key(user, address));
        long now = ticker.read();
        return current == null || current.lockedUntil() <= now ? Optional.empty()
                : Optional.of(Duration.ofNanos(current.lockedUntil() - now));
    }

    /** Records a wrong password; the pair is locked out when this is one too many. */
    void failed(String user, String address) {
        long now = ticker.read();
        attempts.asMap().compute(new Key(user, address), (key, before) -> {
            if (before == null || before.expiresAt() <= now) {
                before = new Attempts(0, now + windowNanos, 0);
            }
            int failures = before.failures() + 1;
            return failures >= maxFailures ? new Attempts(0, now, now + durationNanos)
                    : new Attempts(failures, before.windowEnd(), before.lockedUntil());
        });
    }

    /** Records a success: the pair starts afresh. */
    void succeeded(String user, String address) {
        attempts.invalidate(new Key(user, address));
    }

    /** Pairs currently remembered (for tests and figures). */
    long tracked() {
        attempts.cleanUp();
        return attempts.estimatedSize();
    }
}
