package io.ficus.adapter.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginLockoutTest {

    static final class MovingClock extends Clock {
        Instant now = Instant.parse("2026-12-01T10:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }
    }

    final MovingClock clock = new MovingClock();
    final LoginLockout lockout = new LoginLockout(
            new SecurityProperties.Lockout(3, Duration.ofMinutes(1), Duration.ofSeconds(30), 100), clock);

    @Test
    void locksOutAfterTheMaximumWithinTheWindowForTheDuration() {
        lockout.failed("ann", "10.0.0.1");
        lockout.failed("ann", "10.0.0.1");
        assertThat(lockout.lockedFor("ann", "10.0.0.1")).isEmpty();
        lockout.failed("ann", "10.0.0.1");
        assertThat(lockout.lockedFor("ann", "10.0.0.1")).contains(Duration.ofSeconds(30));
        assertThat(lockout.lockedFor("ann", "10.0.0.2")).isEmpty();
        assertThat(lockout.lockedFor("bob", "10.0.0.1")).isEmpty();

        clock.advance(Duration.ofSeconds(29));
        assertThat(lockout.lockedFor("ann", "10.0.0.1")).contains(Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        assertThat(lockout.lockedFor("ann", "10.0.0.1")).isEmpty();
    }

    @Test
    void failuresOlderThanTheWindowNoLongerCount() {
        lockout.failed("ann", "a");
        lockout.failed("ann", "a");
        clock.advance(Duration.ofSeconds(61));
        lockout.failed("ann", "a");
        assertThat(lockout.lockedFor("ann", "a")).isEmpty();
    }

    @Test
    void aSuccessStartsAfresh() {
        lockout.failed("ann", "a");
        lockout.failed("ann", "a");
        lockout.succeeded("ann", "a");
        lockout.failed("ann", "a");
        assertThat(lockout.lockedFor("ann", "a")).isEmpty();
    }

    @Test
    void remembersAtMostMaxTrackedPairs() {
        for (int i = 0; i < 10_000; i++) {
            lockout.failed("user-" + i, "a");
        }
        assertThat(lockout.tracked()).isEqualTo(100);
    }
}
