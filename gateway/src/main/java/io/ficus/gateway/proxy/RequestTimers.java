package io.ficus.gateway.proxy;

import io.ficus.gateway.catalog.Backend;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The {@code ficus.gateway.requests} timers, one per catalog route, answering backend and status, looked up without
 * allocating: by route id (a map of the few route ids), then in an array by backend and status code. Each timer is
 * registered the first time its combination is seen, as {@code Timer.builder(...).register(...)} would; after that
 * a proxied request costs an array read instead of a tag list, a meter id and a registry lookup.
 */
final class RequestTimers {

    /** Status codes below 600, then "cancelled" and "error". */
    private static final int CODES = 600;
    private static final int CANCELLED = CODES;
    private static final int ERROR = CODES + 1;
    private static final int PER_BACKEND = CODES + 2;

    private final MeterRegistry meters;
    private final ConcurrentHashMap<String, AtomicReferenceArray<Timer>> byRoute = new ConcurrentHashMap<>();

    RequestTimers(MeterRegistry meters) {
        this.meters = meters;
    }

    /** Records one request of {@code route} answered by {@code backend} with an HTTP status. */
    void record(String route, Backend backend, int status, long nanos) {
        Timer timer = status >= 0 && status < CODES ? timer(route, backend, status)
                : builder(route, backend, Integer.toString(status)).register(meters); // beyond 599: rare, not cached
        timer.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Records one request the client cancelled. */
    void recordCancelled(String route, Backend backend, long nanos) {
        timer(route, backend, CANCELLED).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Records one request that failed without a status. */
    void recordError(String route, Backend backend, long nanos) {
        timer(route, backend, ERROR).record(nanos, TimeUnit.NANOSECONDS);
    }

    private Timer timer(String route, Backend backend, int code) {
        AtomicReferenceArray<Timer> timers = byRoute.get(route);
        if (timers == null) {
            timers = byRoute.computeIfAbsent(route, r -> new AtomicReferenceArray<>(Backend.values().length * PER_BACKEND));
        }
        int index = backend.ordinal() * PER_BACKEND + code;
        Timer timer = timers.get(index);
        if (timer == null) {
            timer = builder(route, backend, status(code)).register(meters);
            timers.set(index, timer);
        }
        return timer;
    }

    private static Timer.Builder builder(String route, Backend backend, String status) {
        return Timer.builder("ficus.gateway.requests")
                .description("Proxied requests by catalog route, answering backend and status")
                .tags("route", route, "backend", backend.tag(), "status", status);
    }

    private static String status(int code) {
        return code == CANCELLED ? "cancelled" : code == ERROR ? "error" : Integer.toString(code);
    }
}
