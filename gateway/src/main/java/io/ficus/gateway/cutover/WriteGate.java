package io.ficus.gateway.cutover;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

/**
 * The write admission gate of one gateway instance: per route group OPEN or HELD, with the number of the group's
 * writes in flight; and a lease on the database, without which every group is held (fail closed).
 *
 * <p>A write is admitted at once when its group is open and the lease is valid: the check and the increment of the
 * in-flight count happen under the group's lock, so a gate closed after the check always sees the write as in
 * flight. Otherwise the write waits, without holding a thread, on a sink completed when the gate opens (or the lease
 * is renewed); it then tries again, on a worker of Reactor's parallel scheduler rather than the thread that opened the
 * gate (the replica agent, whose heartbeats and lease renewals would otherwise wait until it had routed every held
 * write: at a thousand writes a second, hundreds of them after a pause), so a gate closed again meanwhile makes it
 * wait again. The whole wait is bounded by the hold timeout, after which admission fails with
 * {@link HeldTooLongException}. Reads never come here.
 */
public final class WriteGate {

    private final Duration holdTimeout;
    private final LongSupplier nanoClock;
    private final Map<String, Group> groups = new ConcurrentHashMap<>();
    /** Until when (in {@link #nanoClock} time) the lease holds; every group is held after it. */
    private volatile long leaseUntil;

    /**
     * A gate whose lease has not been granted yet: every write waits until the first {@link #renewLease}.
     *
     * @param holdTimeout longest a write waits
     * @param nanoClock   monotonic clock in nanoseconds ({@code System::nanoTime} outside tests)
     */
    public WriteGate(Duration holdTimeout, LongSupplier nanoClock) {
        this.holdTimeout = holdTimeout;
        this.nanoClock = nanoClock;
        this.leaseUntil = nanoClock.getAsLong() - 1;
    }

    /** One admitted write; {@link #release()} when its exchange ends, however it ends (idempotent). */
    public static final class Permit {

        private final Group group;
        private final long heldNanos;
        private final boolean waited;
        private final AtomicBoolean released = new AtomicBoolean();

        private Permit(Group group, long heldNanos, boolean waited) {
            this.group = group;
            this.heldNanos = heldNanos;
            this.waited = waited;
        }

        /** Whether the write had to wait (its gate was closed or the lease ran out when it arrived). */
        public boolean waited() {
            return waited;
        }

        /** How long the write waited at the gate. */
        public Duration held() {
            return Duration.ofNanos(heldNanos);
        }

        /** Ends the write: the group's in-flight count drops by one, once. */
        public void release() {
            if (released.compareAndSet(false, true)) {
                synchronized (group) {
                    group.inFlight--;
                }
            }
        }
    }

    /** Admission failed: the write waited for the hold timeout. */
    public static final class HeldTooLongException extends RuntimeException {

        private final String group;

        HeldTooLongException(String group, Duration waited) {
            super("writes of group '" + group + "' are held for a flip (or this instance cannot reach its database);"
                    + " waited " + waited.toMillis() + " ms");
            this.group = group;
        }

        /** The group whose write was held. */
        public String group() {
            return group;
        }
    }

    /**
     * Admits a write of a group: a permit at once when the gate is open, later when it opens, or
     * {@link HeldTooLongException} after the hold timeout. Cancelling the returned Mono while it waits gives nothing up.
     */
    public Mono<Permit> admit(String group) {
        return Mono.defer(() -> {
            long start = nanoClock.getAsLong();
            return attempt(group(group), start, start + holdTimeout.toNanos(), false);
        });
    }

    private Mono<Permit> attempt(Group group, long start, long deadline, boolean waited) {
        Sinks.Empty<Void> wake;
        synchronized (group) {
            long now = nanoClock.getAsLong();
            if (!group.held && leaseValid(now)) {
                group.inFlight++;
                return Mono.just(new Permit(group, now - start, waited));
            }
            if (now - deadline >= 0) {
                return Mono.error(new HeldTooLongException(group.name, Duration.ofNanos(now - start)));
            }
            wake = Sinks.empty();
            group.waiters.add(wake);
        }
        long remaining = deadline - nanoClock.getAsLong();
        Runnable forget = () -> {
            synchronized (group) {
                group.waiters.remove(wake);
            }
        };
        return wake.asMono()
                .timeout(Duration.ofNanos(Math.max(remaining, 1)))
                // before the signal goes downstream, so that nobody sees the write failed and still waiting
                .doOnTerminate(forget)
                .doOnCancel(forget)
                .onErrorMap(TimeoutException.class,
                        e -> new HeldTooLongException(group.name, Duration.ofNanos(nanoClock.getAsLong() - start)))
                // not on the thread that opened the gate: the replica agent opens it and renews the lease, and would
                // otherwise route every held write itself, one after the other, before its next heartbeat
                .publishOn(Schedulers.parallel())
                .then(Mono.defer(() -> attempt(group, start, deadline, true)));
    }

    private boolean leaseValid(long now) {
        return now - leaseUntil < 0;
    }

    /** Holds the group's writes: new ones wait; those in flight continue. */
    public void close(String group) {
        Group g = group(group);
        synchronized (g) {
            g.held = true;
        }
    }

    /** Admits the group's writes again and wakes those waiting. */
    public void open(String group) {
        Group g = group(group);
        List<Sinks.Empty<Void>> waiting;
        synchronized (g) {
            g.held = false;
            waiting = new ArrayList<>(g.waiters);
            g.waiters.clear();
        }
        waiting.forEach(Sinks.Empty::tryEmitEmpty);
    }

    /** Whether the group's gate is closed (the lease aside). */
    public boolean held(String group) {
        Group g = group(group);
        synchronized (g) {
            return g.held;
        }
    }

    /** The group's writes admitted and not yet released. */
    public int inFlight(String group) {
        Group g = group(group);
        synchronized (g) {
            return g.inFlight;
        }
    }

    /** The group's writes waiting at the gate. */
    public int waiting(String group) {
        Group g = group(group);
        synchronized (g) {
            return g.waiters.size();
        }
    }

    /**
     * Extends the lease to {@code until} (in the gate's clock) and wakes every write waiting for it. Call it only
     * after a successful round trip to the database that started at least {@code lease} before {@code until}.
     */
    public void renewLease(long until) {
        leaseUntil = until;
        for (Group g : groups.values()) {
            List<Sinks.Empty<Void>> waiting;
            synchronized (g) {
                if (g.held || g.waiters.isEmpty()) {
                    continue;
                }
                waiting = new ArrayList<>(g.waiters);
                g.waiters.clear();
            }
            waiting.forEach(Sinks.Empty::tryEmitEmpty);
        }
    }

    /** Whether the lease holds now. */
    public boolean leaseValid() {
        return leaseValid(nanoClock.getAsLong());
    }

    private Group group(String name) {
        return groups.computeIfAbsent(name, Group::new);
    }

    /** The state of one group; every field is guarded by the object's monitor. */
    private static final class Group {

        final String name;
        boolean held;
        int inFlight;
        final List<Sinks.Empty<Void>> waiters = new ArrayList<>();

        Group(String name) {
            this.name = name;
        }
    }
}
