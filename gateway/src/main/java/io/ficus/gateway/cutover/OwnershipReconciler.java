package io.ficus.gateway.cutover;

import io.ficus.gateway.catalog.Backend;
import io.ficus.gateway.catalog.CatalogRoute;
import io.ficus.gateway.catalog.Mode;
import io.ficus.gateway.catalog.RouteCatalog;
import io.ficus.gateway.catalog.Toggle;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Pushes, every {@code reconcile-interval} (and at startup), the current write owner of every group that is not being
 * handed over to both applications, so one that was away, restarted on an empty database or missed a push converges.
 * The owner and the epoch are read in one statement from the toggles and the group's last handover (the switch commits
 * both together) at the SETTLE epoch of the group's last handover {@code h}, {@code 3h+2} (DONE or ABORTED alike), or
 * at 0 for a group never handed over. A group whose last handover is DRAINING or SWITCHED is skipped; an application that
 * holds a newer epoch ignores a push that raced with a handover.
 */
public class OwnershipReconciler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OwnershipReconciler.class);

    /** The ownership of one group the gateway stands by. */
    public record Current(String group, String owner, long epoch, boolean handingOver) {
    }

    private final OwnershipPusher pusher;
    private final RouteCatalog catalog;
    private final JdbcTemplate jdbc;
    private final OwnershipProperties settings;
    private final Map<Backend, String> lastProblem = new ConcurrentHashMap<>();
    private ScheduledExecutorService timer;

    public OwnershipReconciler(OwnershipPusher pusher, RouteCatalog catalog, JdbcTemplate jdbc, OwnershipProperties settings) {
        this.pusher = pusher;
        this.catalog = catalog;
        this.jdbc = jdbc;
        this.settings = settings;
    }

    /** What the gateway stands by for a group now, from the database; empty for a group without write routes. */
    public Optional<Current> current(String group) {
        Optional<CatalogRoute> write = catalog.group(group).stream().filter(CatalogRoute::write).findFirst();
        if (write.isEmpty()) {
            return Optional.empty();
        }
        return jdbc.query("select t.mode, h.id, h.state from route_toggle t left join lateral (select id, state from handover"
                + " where group_name = ? order by id desc limit 1) h on true where t.route_id = ?", rs -> {
            if (!rs.next()) {
                return Optional.of(new Current(group, write.get().initial().writeOwner(), 0, false));
            }
            Mode mode = Mode.valueOf(rs.getString(1));
            String owner = new Toggle(mode == Mode.CANARY ? Mode.LEGACY : mode, 0).writeOwner();
            long id = rs.getLong(2);
            String state = rs.getString(3);
            if (state == null) {
                return Optional.of(new Current(group, owner, 0, false));
            }
            boolean handingOver = "DRAINING".equals(state) || "SWITCHED".equals(state);
            long epoch = OwnershipPusher.Step.SETTLE.epoch(id);
            return Optional.of(new Current(group, owner, epoch, handingOver));
        }, group, write.get().id());
    }

    /** Pushes every group's current ownership to both applications once; groups being handed over are skipped. */
    public void reconcile() {
        for (String group : pusher.writeGroups()) {
            Optional<Current> current = current(group);
            if (current.isEmpty() || current.get().handingOver()) {
                continue;
            }
            for (Backend backend : Backend.values()) {
                try {
                    pusher.push(backend, group, current.get().owner(), current.get().epoch());
                    if (lastProblem.remove(backend) != null) {
                        log.info("ownership pushed to {} again", backend.description());
                    }
                } catch (OwnershipPusher.PushFailed e) {
                    if (e.status() == 409) {
                        log.debug("{}", e.getMessage()); // a handover raced with this push: the application has a newer epoch
                    } else if (lastProblem.put(backend, e.getMessage()) == null) {
                        log.warn("could not push write ownership (logged again once it succeeded and failed anew): {}",
                                e.getMessage());
                    } else {
                        log.debug("could not push write ownership: {}", e.getMessage());
                    }
                }
            }
        }
    }

    private void reconcileQuietly() {
        try {
            reconcile();
        } catch (RuntimeException e) {
            log.warn("ownership reconcile failed: {}", e.toString());
        }
    }

    @Override
    public void start() {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "ficus-ownership-reconcile");
            thread.setDaemon(true);
            return thread;
        });
        long interval = settings.reconcileInterval().toMillis();
        timer.scheduleWithFixedDelay(this::reconcileQuietly, 0, interval, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    @Override
    public boolean isRunning() {
        return timer != null;
    }

    /** The groups with an owner and what the gateway stands by for each. */
    public List<Current> all() {
        return pusher.writeGroups().stream().map(this::current).flatMap(Optional::stream).toList();
    }
}
