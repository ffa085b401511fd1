package io.ficus.core.shared;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follow-up work (the registry-guarded listeners of other modules) of the unit of work the
 * current thread is running. Listeners annotated {@code @Async(FollowUps.EXECUTOR)} are queued
 * while a unit of work runs and drained on the same thread when it ends, one after the other,
 * each in its own transaction; work queued by a follow-up is drained too. Outside a unit of work
 * (resubmission by the registry) they run on a small background pool.
 */
public final class FollowUps {

    /** The executor name for {@code @Async} on follow-up listeners. */
    public static final String EXECUTOR = "followUpExecutor";

    private static final Logger log = LoggerFactory.getLogger(FollowUps.class);
    private static final ThreadLocal<Deque<Runnable>> queue = new ThreadLocal<>();

    private FollowUps() {
    }

    /**
     * Runs {@code work} as a unit of work and then every follow-up it caused, before returning.
     * Nested calls join the outer unit of work.
     */
    public static <T> T run(Supplier<T> work) {
        if (queue.get() != null) {
            return work.get();
        }
        Deque<Runnable> pending = new ArrayDeque<>();
        queue.set(pending);
        try {
            return work.get();
        } finally {
            try {
                Runnable next;
                while ((next = pending.poll()) != null) {
                    try {
                        next.run();
                    } catch (RuntimeException e) {
                        log.warn("A follow-up failed; the publication registry retries it", e);
                    }
                }
            } finally {
                queue.remove();
            }
        }
    }

    /** Runs {@code work} as a unit of work, see {@link #run(Supplier)}. */
    public static void run(Runnable work) {
        run(() -> {
            work.run();
            return null;
        });
    }

    /**
     * Whether {@code event} is handled by {@link FollowUp}s after its transaction, guarded by the
     * publication registry (the core's own decisions); changes applied from the legacy have no
     * follow-ups (the legacy sends its own cascades).
     */
    public static boolean isDeferred(Object event) {
        return !(event instanceof AggregateChanged change && change.origin() == Origin.LEGACY);
    }

    /** An executor that queues on the current unit of work, or hands to {@code fallback} outside one. */
    static Executor executor(Executor fallback) {
        return task -> {
            Deque<Runnable> pending = queue.get();
            if (pending != null) {
                pending.add(task);
            } else {
                fallback.execute(task);
            }
        };
    }
}
