package io.ficus.gateway.cutover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

class WriteGateTest {

    private static final long LEASE = Duration.ofHours(1).toNanos();

    private static WriteGate openGate(Duration holdTimeout) {
        WriteGate gate = new WriteGate(holdTimeout, System::nanoTime);
        gate.renewLease(System.nanoTime() + LEASE);
        return gate;
    }

    @Test
    void admitsAWriteOfAnOpenGroupAtOnceAndCountsItInFlightUntilReleased() {
        WriteGate gate = openGate(Duration.ofSeconds(5));

        WriteGate.Permit permit = gate.admit("tickets").block(Duration.ofSeconds(1));

        assertThat(gate.inFlight("tickets")).isEqualTo(1);
        assertThat(permit.held()).isLessThan(Duration.ofMillis(100));
        permit.release();
        permit.release();
        assertThat(gate.inFlight("tickets")).isZero();
    }

    @Test
    void holdsWritesOfAClosedGroupUntilItOpensWithoutTouchingOtherGroups() {
        WriteGate gate = openGate(Duration.ofSeconds(5));
        gate.close("tickets");

        CompletableFuture<WriteGate.Permit> held = gate.admit("tickets").toFuture();
        WriteGate.Permit other = gate.admit("phases").block(Duration.ofSeconds(1));

        assertThat(other).isNotNull();
        await().until(() -> gate.waiting("tickets") == 1);
        assertThat(held).isNotDone();
        assertThat(gate.inFlight("tickets")).isZero();

        gate.open("tickets");

        assertThat(held).succeedsWithin(Duration.ofSeconds(1));
        assertThat(gate.inFlight("tickets")).isEqualTo(1);
        assertThat(gate.waiting("tickets")).isZero();
    }

    @Test
    void routesAHeldWriteOffTheThreadThatOpensTheGateSoTheReplicaAgentIsNotHeldUpByThem() throws Exception {
        WriteGate gate = openGate(Duration.ofSeconds(5));
        gate.close("tickets");
        CompletableFuture<String> routedOn = gate.admit("tickets").map(permit -> Thread.currentThread().getName()).toFuture();
        await().until(() -> gate.waiting("tickets") == 1);

        Thread opener = new Thread(() -> gate.open("tickets"), "opener");
        opener.start();
        opener.join();

        assertThat(routedOn).succeedsWithin(Duration.ofSeconds(1)).isNotEqualTo("opener");
    }

    @Test
    void keepsWritesInFlightCountedWhenTheGateClosesSoTheDrainWaitsForThem() {
        WriteGate gate = openGate(Duration.ofSeconds(5));
        WriteGate.Permit inFlight = gate.admit("tickets").block(Duration.ofSeconds(1));

        gate.close("tickets");

        assertThat(gate.inFlight("tickets")).isEqualTo(1);
        inFlight.release();
        assertThat(gate.inFlight("tickets")).isZero();
    }

    @Test
    void failsAWriteHeldLongerThanTheHoldTimeoutAndForgetsIt() {
        WriteGate gate = openGate(Duration.ofMillis(200));
        gate.close("tickets");
        long start = System.nanoTime();

        assertThatThrownBy(() -> gate.admit("tickets").block(Duration.ofSeconds(5)))
                .isInstanceOf(WriteGate.HeldTooLongException.class)
                .hasMessageContaining("tickets");

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(150), Duration.ofSeconds(10));
        assertThat(gate.waiting("tickets")).isZero();
        assertThat(gate.inFlight("tickets")).isZero();
    }

    @Test
    void forgetsAWaitingWriteWhoseClientWentAway() {
        WriteGate gate = openGate(Duration.ofSeconds(5));
        gate.close("tickets");
        Disposable waiting = gate.admit("tickets").subscribe();
        await().until(() -> gate.waiting("tickets") == 1);

        waiting.dispose();

        assertThat(gate.waiting("tickets")).isZero();
        gate.open("tickets");
        assertThat(gate.inFlight("tickets")).isZero();
    }

    @Test
    void holdsEveryWriteBeforeTheFirstLeaseAndAfterTheLeaseRunsOut() {
        AtomicLong now = new AtomicLong(1_000_000_000L);
        WriteGate gate = new WriteGate(Duration.ofSeconds(30), now::get);

        CompletableFuture<WriteGate.Permit> beforeLease = gate.admit("tickets").toFuture();
        await().until(() -> gate.waiting("tickets") == 1);
        assertThat(gate.leaseValid()).isFalse();

        gate.renewLease(now.get() + Duration.ofSeconds(2).toNanos());
        assertThat(beforeLease).succeedsWithin(Duration.ofSeconds(1));

        now.addAndGet(Duration.ofSeconds(3).toNanos());
        CompletableFuture<WriteGate.Permit> afterLease = gate.admit("phases").toFuture();
        await().until(() -> gate.waiting("phases") == 1);
        assertThat(afterLease).isNotDone();

        gate.renewLease(now.get() + Duration.ofSeconds(2).toNanos());
        assertThat(afterLease).succeedsWithin(Duration.ofSeconds(1));
    }

    @Test
    void aRenewedLeaseDoesNotOpenAGroupHeldForAFlip() {
        WriteGate gate = openGate(Duration.ofSeconds(5));
        gate.close("tickets");
        CompletableFuture<WriteGate.Permit> held = gate.admit("tickets").toFuture();
        await().until(() -> gate.waiting("tickets") == 1);

        gate.renewLease(System.nanoTime() + LEASE);

        assertThat(held).isNotDone();
        assertThat(gate.waiting("tickets")).isEqualTo(1);
    }

    @Test
    void countsEveryWriteInFlightExactlyUnderConcurrentAdmissionsReleasesAndFlips() throws Exception {
        WriteGate gate = openGate(Duration.ofSeconds(30));
        int writers = 8;
        int writesEach = 2_000;
        AtomicInteger admitted = new AtomicInteger();
        AtomicInteger admittedWhileClosed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
        CountDownLatch done = new CountDownLatch(writers);
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<Integer> drainedCounts = new java.util.concurrent.CopyOnWriteArrayList<>();
        // the writers start only once the flipper runs, so flips and admissions overlap even on a fast machine
        CountDownLatch flipping = new CountDownLatch(1);
        try {
            for (int w = 0; w < writers; w++) {
                pool.submit(() -> {
                    try {
                        flipping.await();
                        for (int i = 0; i < writesEach; i++) {
                            WriteGate.Permit permit = gate.admit("tickets").block(Duration.ofSeconds(30));
                            admitted.incrementAndGet();
                            permit.release();
                        }
                    } catch (Throwable e) {
                        failures.add(e);
                    } finally {
                        done.countDown();
                    }
                });
            }
            pool.submit(() -> {
                while (done.getCount() > 0) {
                    gate.close("tickets");
                    flipping.countDown();
                    int before = admitted.get();
                    // a closed gate's in-flight count only falls: wait for it to reach zero, as the agent does
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                    while (gate.inFlight("tickets") > 0 && System.nanoTime() < deadline) {
                        Thread.onSpinWait();
                    }
                    drainedCounts.add(gate.inFlight("tickets"));
                    if (admitted.get() > before + writers) {
                        admittedWhileClosed.incrementAndGet();
                    }
                    gate.open("tickets");
                }
                return null;
            });
            assertThat(done.await(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            pool.shutdownNow();
        }

        assertThat(failures).isEmpty();
        assertThat(admitted.get()).isEqualTo(writers * writesEach);
        assertThat(gate.inFlight("tickets")).isZero();
        assertThat(drainedCounts).isNotEmpty().containsOnly(0);
        assertThat(admittedWhileClosed.get()).isZero();
    }
}
