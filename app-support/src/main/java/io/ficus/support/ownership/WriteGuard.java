package io.ficus.support.ownership;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The write ownership of every route group as the gateway pushed it (persisted in the application's table, so a
 * restart keeps it), the admission of this application's writes, and the count of those in flight per group.
 *
 * <p>Admission and a change of ownership take one lock: a write is admitted (counted in flight) only while its group is
 * owned here, and a revoke, once it changed the owner, waits until the group's writes admitted before it ended.
 */
public class WriteGuard {

    private static final Logger log = LoggerFactory.getLogger(WriteGuard.class);

    /** The outcome of an admission. */
    public sealed interface Admission {
    }

    /** Not a write of a catalog route: let it through, uncounted. */
    public record NotAWrite() implements Admission {
    }

    /** A write of an owned group, now counted in flight until {@link #release}. */
    public record Admitted(String group) implements Admission {
    }

    /** A write of a group this application does not own. */
    public record Refused(String group, String message) implements Admission {
    }

    /** The outcome of a push. */
    public record Applied(Grant grant, boolean stale, int stillInFlight, long drainedMillis) {
    }

    private final WriteGuardSettings settings;
    private final GrantStore store;
    private final MeterRegistry meters;
    private final Duration drainTimeout;
    private final Object lock = new Object();
    private Map<String, Grant> grants;
    private WriteRoutes routes;
    private final Map<String, Integer> inFlight = new HashMap<>();

    public WriteGuard(WriteGuardSettings settings, JdbcTemplate jdbc, JsonMapper json, MeterRegistry meters, Duration drainTimeout) {
        this.settings = settings;
        this.store = new GrantStore(jdbc, json, settings.table());
        this.meters = meters;
        this.drainTimeout = drainTimeout;
        install(store.load());
    }

    /** This application, as the gateway names owners. */
    public String self() {
        return settings.self();
    }

    /** The ownership of every group pushed so far, by group. */
    public Map<String, Grant> grants() {
        synchronized (lock) {
            return grants;
        }
    }

    /** Whether this application owns the writes of {@code group} now (before any push: the legacy owns every group). */
    public boolean ownsWritesOf(String group) {
        synchronized (lock) {
            return owns(grants.get(group));
        }
    }

    /** This application's writes in flight, by group. */
    public Map<String, Integer> inFlight() {
        synchronized (lock) {
            return Map.copyOf(inFlight);
        }
    }

    /**
     * Admits or refuses a request: a write of a catalog route whose group this application owns is counted in flight
     * (call {@link #release} when it ended); one it does not own is refused; anything else passes.
     *
     * @param path the request's path within the application, as sent (percent-encoded)
     */
    public Admission admit(String method, String path) {
        HttpMethod httpMethod = HttpMethod.valueOf(method.toUpperCase(Locale.ROOT));
        if (HttpMethod.GET.equals(httpMethod) || HttpMethod.HEAD.equals(httpMethod) || HttpMethod.OPTIONS.equals(httpMethod)
                || !(path.equals("/api") || path.startsWith("/api/"))) {
            return new NotAWrite();
        }
        PathContainer container = PathContainer.parsePath(path);
        synchronized (lock) {
            String group = routes.groupOf(httpMethod, container);
            if (group == null) {
                if (grants.isEmpty() && !settings.ownsUnpushed()) {
                    refusedCounter("unknown");
                    return new Refused(null, "writes are owned by the legacy application until the gateway says"
                            + " otherwise (it has not pushed any ownership to this application yet); send them through"
                            + " the gateway");
                }
                return new NotAWrite();
            }
            Grant grant = grants.get(group);
            if (!owns(grant)) {
                refusedCounter(group);
                String owner = grant == null ? WriteGuardSettings.DEFAULT_OWNER : grant.owner();
                return new Refused(group, "writes of group '" + group + "' are owned by "
                        + ("core".equals(owner) ? "the new core" : "the legacy application") + "; send them through the gateway");
            }
            inFlight.merge(group, 1, Integer::sum);
            return new Admitted(group);
        }
    }

    /** Ends an admitted write. */
    public void release(Admitted admitted) {
        synchronized (lock) {
            inFlight.computeIfPresent(admitted.group(), (g, n) -> n <= 1 ? null : n - 1);
            lock.notifyAll();
        }
    }

    /**
     * Applies a push: ignored when older than the group's recorded epoch (answered with the recorded one); otherwise
     * recorded in the database and applied at once, and, when it takes the group from this application, waits up to
     * {@code drain-timeout} for the group's writes admitted before.
     */
    public Applied apply(Grant grant) {
        Grant recorded;
        synchronized (lock) {
            Grant current = grants.get(grant.group());
            if (current != null && grant.epoch() < current.epoch()) {
                log.warn("ownership of group {} at epoch {} ignored: epoch {} ({}) is recorded already", grant.group(),
                        grant.epoch(), current.epoch(), current.owner());
                return new Applied(current, true, inFlight.getOrDefault(grant.group(), 0), 0);
            }
            if (grant.equals(current)) {
                recorded = current; // a periodic push of what is recorded already: nothing to write
            } else {
                store.save(grant);
                Map<String, Grant> next = new TreeMap<>(grants);
                next.put(grant.group(), grant);
                install(next);
                recorded = grant;
                log.info("writes of group {} now owned by {} (epoch {}, was {})", grant.group(), grant.owner(),
                        grant.epoch(), current == null ? "not pushed" : current.owner() + " at epoch " + current.epoch());
            }
        }
        if (owns(recorded)) {
            return new Applied(recorded, false, 0, 0);
        }
        long start = System.nanoTime();
        long deadline = start + drainTimeout.toNanos();
        synchronized (lock) {
            while (inFlight.getOrDefault(grant.group(), 0) > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    lock.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            int left = inFlight.getOrDefault(grant.group(), 0);
            long waited = (System.nanoTime() - start) / 1_000_000;
            if (left > 0) {
                log.warn("group {} revoked, but {} of its writes still run here after {} ms", grant.group(), left, waited);
            }
            return new Applied(recorded, false, left, waited);
        }
    }

    private boolean owns(Grant grant) {
        return grant == null ? settings.ownsUnpushed() : settings.self().equals(grant.owner());
    }

    private void install(Map<String, Grant> next) {
        this.grants = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(next));
        this.routes = WriteRoutes.of(next.values());
    }

    private void refusedCounter(String group) {
        meters.counter("ficus.ownership.refused", "group", group).increment();
    }
}
