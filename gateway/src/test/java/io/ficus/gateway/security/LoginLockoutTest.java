package io.ficus.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LoginLockoutTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final LoginLockout lockout = new LoginLockout(
            new AdminSecurityProperties.Lockout(3, Duration.ofMinutes(1), Duration.ofSeconds(30), 50), now::get);

    private void advance(Duration by) {
        now.addAndGet(by.toNanos());
    }

    private void fail(String user, String address, int times) {
        for (int i = 0; i < times; i++) {
            lockout.failed(user, address);
        }
    }

    @Test
    void locksOutAPairAfterTheMaximumOfFailuresForTheDuration() {
        fail("alice", "10.0.0.1", 2);
        assertThat(lockout.lockedFor("alice", "10.0.0.1")).isEmpty();

        lockout.failed("alice", "10.0.0.1");
        assertThat(lockout.lockedFor("alice", "10.0.0.1")).contains(Duration.ofSeconds(30));

        advance(Duration.ofSeconds(29));
        assertThat(lockout.lockedFor("alice", "10.0.0.1")).contains(Duration.ofSeconds(1));
        advance(Duration.ofSeconds(1));
        assertThat(lockout.lockedFor("alice", "10.0.0.1")).isEmpty();
    }

    @Test
    void startsAfreshAfterTheLockOutEnds() {
        fail("alice", "10.0.0.1", 3);
        advance(Duration.ofSeconds(31));

        fail("alice", "10.0.0.1", 2);
        assertThat(lockout.lockedFor("alice", "10.0.0.1")).isEmpty();
    }

    @Test
    void affectsNoOtherUserOrAddress() {
        fail("alice", "10.0.0.1", 3);

        assertThat(lockout.lockedFor("alice", "10.0.0.2")).isEmpty();
        assertThat(lockout.lockedFor("bob", "10.0.0.1")).isEmpty();
    }

    @Test
    void forgetsFailuresOlderThanTheWindow() {
        fail("alice", "10.0.0.1", 2);
        advance(Duration.ofSeconds(61));

        lockout.failed("alice", "10.0.0.1");
        assertThat(lockout.lockedFor("alice", "10.0.0.1")).isEmpty();
    }

    @Test
    void resetsTheCountOnASuccess() {
        fail("alice", "10.0.0.1", 2);
        lockout.succeeded("alice", "10.0.0.1");

        fail("alice", "10.0.0.1", 2);
        assertThat(lockout.lockedFor("alice", "10.0.0.1")).isEmpty();
    }

    @Test
    void remembersABoundedNumberOfPairsWhateverClientsSend() {
        for (int i = 0; i < 5_000; i++) {
            lockout.failed("made-up-" + i, "10.0.0.1");
        }

        assertThat(lockout.tracked()).isLessThanOrEqualTo(50);
    }
}
