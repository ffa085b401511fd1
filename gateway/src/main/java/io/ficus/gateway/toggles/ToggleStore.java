package io.ficus.gateway.toggles;

import io.ficus.gateway.GatewayProperties;
import io.ficus.gateway.catalog.CatalogRoute;
import io.ficus.gateway.catalog.Mode;
import io.ficus.gateway.catalog.RouteCatalog;
import io.ficus.gateway.catalog.Toggle;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The toggles of all routes in PostgreSQL (mode, canary percentage, and whether NEW shadows the
 * legacy for reads), and the in-memory snapshot of them the request path reads. Routes are seeded
 * with their configured initial toggle the first time any instance sees them; from then on the
 * database wins, so toggles survive restarts.
 */
@Component
public class ToggleStore implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ToggleStore.class);
    /** The flag counts only with mode NEW, so a row another (older) instance moved to another mode still loads. */
    private static final String SHADOW_READS = "mode = 'NEW' and shadow_reads";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final RouteCatalog catalog;
    private final GatewayProperties properties;
    private final MeterRegistry meters;
    private volatile ToggleSnapshot snapshot;
    private ScheduledExecutorService poller;

    public ToggleStore(JdbcTemplate jdbc, TransactionTemplate tx, RouteCatalog catalog, GatewayProperties properties,
                       MeterRegistry meters) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.catalog = catalog;
        this.properties = properties;
        this.meters = meters;
        seed();
        this.snapshot = load();
    }

    /** The current snapshot; never touches the database. */
    public ToggleSnapshot snapshot() {
        return snapshot;
    }

    /** Reloads the snapshot from the database now. */
    public void refresh() {
        ToggleSnapshot loaded = load();
        if (!loaded.equals(snapshot)) {
            snapshot = loaded;
            log.info("toggles now {}", loaded.toggles());
        }
    }

    /**
     * Changes one route's toggle at once, without a handover (the admin API goes through
     * {@code io.ficus.gateway.cutover.Cutover}, which hands a group's writes over when the change moves them);
     * {@code actor}, the authenticated user's name, is recorded in the audit trail.
     *
     * @return the group's toggles after the change
     * @throws NoSuchElementException     if no route has this id
     * @throws OwnershipConflictException if the change would split the group's writes, or puts a route of a group with
     *                                    write routes in CANARY
     */
    public Map<String, Toggle> changeRoute(String routeId, Toggle to, String actor, String reason) {
        return apply(planRoute(routeId, to), actor, reason, null);
    }

    /**
     * Changes the toggle of every route of a group at once, without a handover; {@code actor} is recorded as for
     * {@link #changeRoute}.
     *
     * @return the group's toggles after the change
     * @throws NoSuchElementException     if no route has this group
     * @throws OwnershipConflictException if the change puts a group with write routes in CANARY
     */
    public Map<String, Toggle> changeGroup(String group, Toggle to, String actor, String reason) {
        return apply(planGroup(group, to), actor, reason, null);
    }

    /**
     * Plans a change of one route's toggle from the toggles in the database, changing nothing.
     *
     * @throws NoSuchElementException     if no route has this id
     * @throws OwnershipConflictException if the change would split the group's writes, or is CANARY in a group with
     *                                    write routes
     */
    public ToggleChange planRoute(String routeId, Toggle to) {
        CatalogRoute route = catalog.route(routeId).orElseThrow(() -> new NoSuchElementException("no route " + routeId));
        return plan(route.group(), List.of(route), to, read(catalog.group(route.group()), false));
    }

    /**
     * Plans a change of every route of a group from the toggles in the database, changing nothing.
     *
     * @throws NoSuchElementException     if no route has this group
     * @throws OwnershipConflictException if the change is CANARY in a group with write routes
     */
    public ToggleChange planGroup(String group, Toggle to) {
        List<CatalogRoute> routes = catalog.group(group);
        if (routes.isEmpty()) {
            throw new NoSuchElementException("no group " + group);
        }
        return plan(group, routes, to, read(routes, false));
    }

    private ToggleChange plan(String group, List<CatalogRoute> changed, Toggle to, Map<String, Toggle> current) {
        List<CatalogRoute> groupRoutes = catalog.group(group);
        GroupOwnership.checkCanary(group, groupRoutes, to);
        Map<String, Toggle> proposed = new HashMap<>(current);
        changed.forEach(r -> proposed.put(r.id(), to));
        GroupOwnership.check(group, groupRoutes, proposed);
        return new ToggleChange(group, groupRoutes, changed, to, current, proposed);
    }

    /**
     * Applies a planned change in one transaction: locks the group's rows, plans the change again from them (so
     * concurrent changes of one group serialise), updates the changed routes, audits each, and runs
     * {@code alsoInTransaction} in the same transaction; then reloads the snapshot.
     *
     * @param alsoInTransaction more work that commits or rolls back with the change (may be null)
     * @return the group's toggles after the change
     * @throws OwnershipConflictException when the group's write owner is no longer the one the change was planned
     *                                    from, or the change breaks a single-writer rule
     * @throws IllegalArgumentException   without a reason
     */
    public Map<String, Toggle> apply(ToggleChange change, String actor, String reason, Runnable alsoInTransaction) {
        if (actor == null || actor.isBlank()) {
            throw new IllegalStateException("a change needs the name of the authenticated user who makes it");
        }
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a reason is required");
        }
        Map<String, Toggle> result = tx.execute(status -> {
            ToggleChange locked = plan(change.group(), change.changed(), change.to(), read(change.groupRoutes(), true));
            if (!Objects.equals(locked.fromOwner(), change.fromOwner())) {
                throw new OwnershipConflictException("the writes of group '" + change.group() + "' moved from "
                        + change.fromOwner() + " to " + locked.fromOwner() + " while this change was prepared; try again");
            }
            write(locked.group(), locked.changed(), locked.current(), route -> locked.to(), actor, reason);
            if (alsoInTransaction != null) {
                alsoInTransaction.run();
            }
            return locked.proposed();
        });
        refresh();
        return result;
    }

    /**
     * Undoes an applied change in one transaction with {@code alsoInTransaction}: every route it changed gets back its
     * toggle from before ({@link ToggleChange#current()}), audited with {@code reason}; then reloads the snapshot.
     */
    public void revert(ToggleChange change, String actor, String reason, Runnable alsoInTransaction) {
        tx.executeWithoutResult(status -> {
            Map<String, Toggle> now = read(change.groupRoutes(), true);
            write(change.group(), change.changed(), now, route -> change.current().get(route.id()), actor, reason);
            if (alsoInTransaction != null) {
                alsoInTransaction.run();
            }
        });
        refresh();
    }

    /** Updates and audits the routes whose toggle changes; the one place toggles are written. */
    private void write(String group, List<CatalogRoute> routes, Map<String, Toggle> current,
                       Function<CatalogRoute, Toggle> target, String actor, String reason) {
        for (CatalogRoute route : routes) {
            Toggle from = current.get(route.id());
            Toggle to = target.apply(route);
            if (from.equals(to)) {
                continue;
            }
            jdbc.update("update route_toggle set mode = ?, percent = ?, shadow_reads = ?, updated_at = now(), updated_by = ?"
                            + " where route_id = ?",
                    to.mode().name(), to.percent(), to.shadowReads(), actor, route.id());
            jdbc.update("insert into toggle_audit (route_id, group_name, actor, from_mode, from_percent, from_shadow_reads,"
                            + " to_mode, to_percent, to_shadow_reads, reason) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    route.id(), group, actor, from.mode().name(), from.percent(), from.shadowReads(),
                    to.mode().name(), to.percent(), to.shadowReads(), reason);
            meters.counter("ficus.gateway.toggle.changes", "route", route.id(), "mode", to.mode().name()).increment();
        }
    }

    /** The toggles of these routes in the database (the configured initial toggle for a route without a row). */
    private Map<String, Toggle> read(List<CatalogRoute> routes, boolean forUpdate) {
        Map<String, Toggle> current = new HashMap<>();
        jdbc.query("select route_id, mode, percent, " + SHADOW_READS + " from route_toggle where route_id = any (?)"
                        + " order by route_id" + (forUpdate ? " for update" : ""),
                rs -> {
                    current.put(rs.getString(1), toggle(rs));
                }, (Object) routes.stream().map(CatalogRoute::id).toArray(String[]::new));
        routes.forEach(r -> current.putIfAbsent(r.id(), r.initial()));
        return current;
    }

    /** The most recent audit entries, newest first, optionally of one route. */
    public List<AuditEntry> audit(String routeId, int limit) {
        String where = routeId == null ? "" : " where route_id = ?";
        Object[] args = routeId == null ? new Object[] {limit} : new Object[] {routeId, limit};
        return jdbc.query("select id, route_id, group_name, actor, changed_at, from_mode, from_percent,"
                + " from_mode = 'NEW' and from_shadow_reads, to_mode, to_percent, to_mode = 'NEW' and to_shadow_reads, reason"
                + " from toggle_audit" + where + " order by id desc limit ?", (rs, n) -> new AuditEntry(
                rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getTimestamp(5).toInstant(),
                new Toggle(Mode.valueOf(rs.getString(6)), rs.getInt(7), rs.getBoolean(8)).toString(),
                new Toggle(Mode.valueOf(rs.getString(9)), rs.getInt(10), rs.getBoolean(11)).toString(), rs.getString(12)), args);
    }

    private void seed() {
        for (CatalogRoute route : catalog.routes()) {
            jdbc.update("insert into route_toggle (route_id, mode, percent, shadow_reads, updated_by)"
                    + " values (?, ?, ?, ?, 'configuration') on conflict (route_id) do nothing",
                    route.id(), route.initial().mode().name(), route.initial().percent(), route.initial().shadowReads());
        }
    }

    private ToggleSnapshot load() {
        Map<String, Toggle> toggles = new HashMap<>();
        jdbc.query("select route_id, mode, percent, " + SHADOW_READS + " from route_toggle", rs -> {
            toggles.put(rs.getString(1), toggle(rs));
        });
        return new ToggleSnapshot(toggles);
    }

    private static Toggle toggle(ResultSet rs) throws SQLException {
        return new Toggle(Mode.valueOf(rs.getString(2)), rs.getInt(3), rs.getBoolean(4));
    }

    @Override
    public void start() {
        poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "ficus-toggle-poller");
            thread.setDaemon(true);
            return thread;
        });
        long interval = properties.toggleRefreshInterval().toMillis();
        poller.scheduleWithFixedDelay(this::refreshQuietly, interval, interval, TimeUnit.MILLISECONDS);
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            log.warn("could not reload toggles, keeping the last snapshot: {}", e.toString());
        }
    }

    @Override
    public void stop() {
        if (poller != null) {
            poller.shutdownNow();
            poller = null;
        }
    }

    @Override
    public boolean isRunning() {
        return poller != null;
    }
}
