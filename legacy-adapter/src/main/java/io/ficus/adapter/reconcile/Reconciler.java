package io.ficus.adapter.reconcile;

import io.ficus.adapter.inbound.LegacyRows;
import io.ficus.adapter.reconcile.ReconciliationReport.Mode;
import io.ficus.contracts.EntityState;
import io.ficus.contracts.EntityType;
import java.lang.reflect.RecordComponent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** Compares both stores entity by entity; see the package documentation. */
@Service
public class Reconciler {

    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);
    private static final List<EntityType> ORDER = List.of(EntityType.USER, EntityType.PROJECT, EntityType.MEMBERSHIP,
            EntityType.PHASE, EntityType.TICKET);

    private final DataSource legacy;
    private final ReconciliationProperties properties;
    private final Repairer repairer;
    private final Owners owners;
    private final CoreDatabase coreDatabase;
    private final AtomicLong scanned = new AtomicLong();
    /** When progress was last logged, shared by the ranges compared at once. */
    private final AtomicLong lastProgress = new AtomicLong();
    private final Map<EntityType, AtomicLong> lastDrift = new EnumMap<>(EntityType.class);
    private volatile String current = "idle";
    private volatile long runStarted = System.nanoTime();

    Reconciler(DataSource legacy, ReconciliationProperties properties, Repairer repairer, Owners owners,
               CoreDatabase coreDatabase, io.micrometer.core.instrument.MeterRegistry meters) {
        this.legacy = legacy;
        this.coreDatabase = coreDatabase;
        this.properties = properties;
        this.repairer = repairer;
        this.owners = owners;
        for (EntityType type : EntityType.values()) {
            var drift = new AtomicLong(-1);
            lastDrift.put(type, drift);
            io.micrometer.core.instrument.Gauge.builder("ficus.adapter.reconciliation.drift", drift, AtomicLong::get)
                    .tag("type", type.name())
                    .description("Drift found by the last reconciliation (-1: none ran yet)").register(meters);
        }
    }

    /** Whether a core database is configured. */
    public boolean available() {
        return coreDatabase.configured();
    }

    /** A one-line description of what the running reconciliation is doing. */
    public String progress() {
        return current + ", " + scanned.get() + " entities scanned";
    }

    /**
     * Compares both stores.
     *
     * @param mode   FULL, or INCREMENTAL (entities changed on either side since {@code since}, plus existence of every id)
     * @param since  for INCREMENTAL, the point from which to compare states
     * @param repair whether to re-publish from the owning side every drift that is still there
     *               after {@code repair-settle}
     */
    public synchronized ReconciliationReport run(Mode mode, Instant since, boolean repair) {
        if (!available()) {
            throw new IllegalStateException("Reconciliation needs the core database: set ficus.adapter.reconciliation.core-db.url");
        }
        if (mode == Mode.INCREMENTAL && since == null) {
            throw new IllegalArgumentException("An incremental reconciliation needs the point to start from (since)");
        }
        // Known before anything is compared: a repair that cannot tell who owns a type does not start.
        Map<EntityType, ReconciliationProperties.Owner> owner = repair ? owners.resolve() : Map.of();
        Instant started = Instant.now();
        long startNanos = System.nanoTime();
        scanned.set(0);
        runStarted = startNanos;
        lastProgress.set(startNanos);
        Map<EntityType, TypeReport> types = new EnumMap<>(EntityType.class);
        try {
            Map<EntityType, TypeReport.Tally> tallies = mode == Mode.FULL ? compareAllInRanges()
                    : new EnumMap<>(EntityType.class);
            try (Connection l = legacy.getConnection();
                 Connection c = coreDatabase.connection()) {
                l.setAutoCommit(false);
                c.setAutoCommit(false);
                c.setReadOnly(true);
                if (mode == Mode.INCREMENTAL) {
                    for (EntityType type : ORDER) {
                        current = "comparing " + type;
                        var tally = new TypeReport.Tally();
                        compareChanged(type, since, l, c, tally);
                        tallies.put(type, tally);
                        l.commit();
                        c.commit();
                    }
                }
                for (EntityType type : ORDER) {
                    var tally = tallies.get(type);
                    lastDrift.get(type).set(tally.report().drift());
                    log.info("Reconciliation {}: {} compared, {} missing in core, {} missing in legacy, {} different", type,
                            tally.compared, tally.missingInCore, tally.missingInLegacy, tally.different);
                }
                if (repair && tallies.values().stream().anyMatch(t -> !t.all.isEmpty())) {
                    current = "letting in-flight changes settle for " + properties.repairSettle().toMillis() + " ms before repairing";
                    settle();
                    for (EntityType type : ORDER) {
                        current = "repairing " + type;
                        var tally = tallies.get(type);
                        List<Drift> persisting = stillDrifting(type, tally.all, l, c);
                        tally.settled = tally.all.size() - persisting.size();
                        tally.repaired = repairer.repair(type, owner.get(type), persisting, l, c);
                        l.commit();
                        c.commit();
                        if (!tally.all.isEmpty()) {
                            log.info("Reconciliation {}: {} repaired, {} settled by themselves before the repair", type, tally.repaired,
                                    tally.settled);
                        }
                    }
                }
            }
            tallies.forEach((type, tally) -> types.put(type, tally.report()));
        } catch (SQLException e) {
            throw new IllegalStateException("Reconciliation failed: " + e.getMessage(), e);
        } finally {
            current = "idle";
        }
        var report = new ReconciliationReport(mode, since, started, Duration.ofNanos(System.nanoTime() - startNanos), repair, types);
        log.info("Reconciliation {} done in {} ms: {} entities compared, {} drift", mode, report.took().toMillis(),
                report.compared(), report.drift());
        return report;
    }

    private void settle() {
        try {
            Thread.sleep(properties.repairSettle().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted before repairing", e);
        }
    }

    /** Of {@code drifts}, those whose entity still differs now (the others were in flight and arrived). */
    private List<Drift> stillDrifting(EntityType type, List<Drift> drifts, Connection l, Connection c) throws SQLException {
        List<Drift> persisting = new ArrayList<>();
        LegacyRows rows = LegacyRows.of(type);
        for (int from = 0; from < drifts.size(); from += 500) {
            List<Drift> chunk = drifts.subList(from, Math.min(drifts.size(), from + 500));
            List<UUID> ids = chunk.stream().map(Drift::id).toList();
            Map<UUID, EntityState> legacyNow = new HashMap<>();
            for (EntityState state : legacyStates(rows, ids, l)) {
                legacyNow.put(state.id(), state);
            }
            Map<UUID, EntityState> coreNow = coreStates(type, ids, c);
            for (Drift drift : chunk) {
                EntityState left = legacyNow.get(drift.id());
                EntityState right = coreNow.get(drift.id());
                boolean agree = left == null ? right == null : right != null && differingFields(left, right).isEmpty();
                if (!agree) {
                    persisting.add(drift);
                }
            }
        }
        return persisting;
    }

    /**
     * Compares every entity of every type: each type's ids are cut into {@code parallelism} ranges, and that many ranges
     * are compared at once, each on a connection to either database of its own; the ranges of a type are then added up
     * in id order (so the examples are the first drifts by id, as when one stream is merged).
     */
    private Map<EntityType, TypeReport.Tally> compareAllInRanges() throws SQLException {
        int parallelism = Math.max(1, properties.parallelism());
        List<IdRange> ranges = IdRange.split(parallelism);
        Map<EntityType, List<Future<TypeReport.Tally>>> parts = new EnumMap<>(EntityType.class);
        ExecutorService workers = Executors.newFixedThreadPool(parallelism, runnable -> {
            Thread thread = new Thread(runnable, "ficus-reconciliation-range");
            thread.setDaemon(true);
            return thread;
        });
        current = "comparing every type in " + ranges.size() + " id ranges, " + parallelism + " at once";
        try {
            // the largest type first, so that the small ones fill the gaps at the end
            for (EntityType type : List.of(EntityType.TICKET, EntityType.PHASE, EntityType.MEMBERSHIP, EntityType.PROJECT,
                    EntityType.USER)) {
                List<Future<TypeReport.Tally>> futures = new ArrayList<>();
                for (IdRange range : ranges) {
                    futures.add(workers.submit(() -> compareRange(type, range)));
                }
                parts.put(type, futures);
            }
            Map<EntityType, TypeReport.Tally> tallies = new EnumMap<>(EntityType.class);
            for (EntityType type : ORDER) {
                var tally = new TypeReport.Tally();
                for (Future<TypeReport.Tally> part : parts.get(type)) {
                    tally.addAll(part.get());
                }
                tallies.put(type, tally);
            }
            return tallies;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            throw new IllegalStateException("Reconciliation failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Reconciliation interrupted", e);
        } finally {
            workers.shutdownNow();
        }
    }

    private TypeReport.Tally compareRange(EntityType type, IdRange range) throws SQLException {
        var tally = new TypeReport.Tally();
        try (Connection l = legacy.getConnection(); Connection c = coreDatabase.connection()) {
            l.setAutoCommit(false);
            c.setAutoCommit(false);
            c.setReadOnly(true);
            try {
                workMemory(l);
                workMemory(c);
                compareAll(type, range, l, c, tally);
            } finally {
                l.rollback();
                c.rollback();
            }
        }
        return tally;
    }

    /** Room for a range's sort in memory, for this transaction only ({@code work-memory}; nothing when unset). */
    private void workMemory(Connection connection) throws SQLException {
        if (properties.workMemory() == null) {
            return;
        }
        try (var statement = connection.createStatement()) {
            statement.execute("set local work_mem = '" + properties.workMemory().toKilobytes() + "kB'");
        }
    }

    /** Merge-joins the sorted streams of one id range of both sides. */
    private void compareAll(EntityType type, IdRange range, Connection l, Connection c, TypeReport.Tally tally)
            throws SQLException {
        LegacyRows rows = LegacyRows.of(type);
        String legacyKey = "lower(" + rows.idColumn() + ") collate \"C\"";
        String legacySql = "select * from public." + rows.table() + " where " + rows.liveCondition()
                + range.condition(legacyKey, "") + " order by " + legacyKey;
        try (PreparedStatement ls = cursor(l, legacySql); PreparedStatement cs = cursor(c, CoreStates.rangeQuery(type, range))) {
            range.bind(ls, 1);
            CoreStates.bindRange(type, range, cs);
            try (ResultSet lr = ls.executeQuery(); ResultSet cr = cs.executeQuery()) {
                LegacyRows.Reader reader = rows.reader(lr);
                EntityState left = nextLegacy(reader, lr);
                EntityState right = nextCore(type, cr);
                var progress = new Progress(type);
                while (left != null || right != null) {
                    int order = left == null ? 1 : right == null ? -1 : key(left).compareTo(key(right));
                    tally.compared++;
                    if (order < 0) {
                        tally.add(new Drift(type, left.id(), Drift.Kind.MISSING_IN_CORE, List.of()));
                        left = nextLegacy(reader, lr);
                    } else if (order > 0) {
                        tally.add(new Drift(type, right.id(), Drift.Kind.MISSING_IN_LEGACY, List.of()));
                        right = nextCore(type, cr);
                    } else {
                        if (!left.equals(right)) {
                            List<String> fields = differingFields(left, right);
                            if (!fields.isEmpty()) {
                                tally.add(new Drift(type, left.id(), Drift.Kind.DIFFERENT, fields));
                            }
                        }
                        left = nextLegacy(reader, lr);
                        right = nextCore(type, cr);
                    }
                    progress.tick();
                }
            }
        }
    }

    /**
     * Existence of every id on both sides, and the states of the entities either side changed
     * since {@code since}.
     */
    private void compareChanged(EntityType type, Instant since, Connection l, Connection c, TypeReport.Tally tally)
            throws SQLException {
        LegacyRows rows = LegacyRows.of(type);
        String legacyIds = "select " + rows.idColumn() + " from public." + rows.table() + " where " + rows.liveCondition()
                + " order by " + rows.idColumn() + " collate \"C\"";
        try (PreparedStatement ls = cursor(l, legacyIds); PreparedStatement cs = cursor(c, CoreStates.idQuery(type));
             ResultSet lr = ls.executeQuery(); ResultSet cr = cs.executeQuery()) {
            String left = lr.next() ? lr.getString(1).toLowerCase(java.util.Locale.ROOT) : null;
            String right = cr.next() ? cr.getString(1) : null;
            var progress = new Progress(type);
            while (left != null || right != null) {
                int order = left == null ? 1 : right == null ? -1 : left.compareTo(right);
                if (order < 0) {
                    tally.add(new Drift(type, UUID.fromString(left), Drift.Kind.MISSING_IN_CORE, List.of()));
                    left = lr.next() ? lr.getString(1).toLowerCase(java.util.Locale.ROOT) : null;
                } else if (order > 0) {
                    tally.add(new Drift(type, UUID.fromString(right), Drift.Kind.MISSING_IN_LEGACY, List.of()));
                    right = cr.next() ? cr.getString(1) : null;
                } else {
                    left = lr.next() ? lr.getString(1).toLowerCase(java.util.Locale.ROOT) : null;
                    right = cr.next() ? cr.getString(1) : null;
                }
                progress.tick();
            }
        }
        // States of what the legacy changed since the point...
        Set<UUID> compared = new HashSet<>();
        String changed = "select * from public." + rows.table() + " where " + rows.liveCondition() + " and "
                + rows.updatedColumn() + " >= ?";
        try (PreparedStatement ls = cursor(l, changed)) {
            ls.setTimestamp(1, Timestamp.valueOf(since.atOffset(ZoneOffset.UTC).toLocalDateTime()));
            try (ResultSet lr = ls.executeQuery()) {
                List<EntityState> batch = new ArrayList<>();
                LegacyRows.Reader reader = rows.reader(lr);
                EntityState state;
                while ((state = nextLegacy(reader, lr)) != null) {
                    batch.add(state);
                    compared.add(state.id());
                    if (batch.size() == 500) {
                        compareBatch(type, batch, c, tally);
                        batch.clear();
                    }
                }
                compareBatch(type, batch, c, tally);
            }
        }
        // ...and of what the core changed since then, which may never have reached the legacy.
        try (PreparedStatement cs = cursor(c, CoreStates.changedSinceQuery(type))) {
            cs.setObject(1, since.atOffset(ZoneOffset.UTC));
            try (ResultSet cr = cs.executeQuery()) {
                List<UUID> batch = new ArrayList<>();
                while (cr.next()) {
                    UUID id = cr.getObject(1, UUID.class);
                    if (!compared.contains(id)) {
                        batch.add(id);
                    }
                    if (batch.size() == 500) {
                        compareBatch(type, legacyStates(rows, batch, l), c, tally);
                        batch.clear();
                    }
                }
                compareBatch(type, legacyStates(rows, batch, l), c, tally);
            }
        }
    }

    /** The core's states of {@code ids}, by id (absent ids are not in the map). */
    private static Map<UUID, EntityState> coreStates(EntityType type, List<UUID> ids, Connection c) throws SQLException {
        Map<UUID, EntityState> states = new HashMap<>();
        try (PreparedStatement cs = c.prepareStatement(CoreStates.query(type, true))) {
            cs.setArray(1, c.createArrayOf("uuid", ids.toArray()));
            try (ResultSet cr = cs.executeQuery()) {
                while (cr.next()) {
                    EntityState state = CoreStates.read(type, cr);
                    states.put(state.id(), state);
                }
            }
        }
        return states;
    }

    /** The live legacy rows of {@code ids}, as canonical states (ids are matched in either case). */
    private List<EntityState> legacyStates(LegacyRows rows, List<UUID> ids, Connection l) throws SQLException {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<String> keys = new ArrayList<>(ids.size() * 2);
        for (UUID id : ids) {
            keys.add(id.toString());
            keys.add(id.toString().toUpperCase(java.util.Locale.ROOT));
        }
        List<EntityState> states = new ArrayList<>(ids.size());
        try (PreparedStatement ls = l.prepareStatement("select * from public." + rows.table() + " where " + rows.liveCondition()
                + " and " + rows.idColumn() + " = any(?)")) {
            ls.setArray(1, l.createArrayOf("varchar", keys.toArray()));
            try (ResultSet lr = ls.executeQuery()) {
                LegacyRows.Reader reader = rows.reader(lr);
                EntityState state;
                while ((state = nextLegacy(reader, lr)) != null) {
                    states.add(state);
                }
            }
        }
        return states;
    }

    private void compareBatch(EntityType type, List<EntityState> legacyStates, Connection c, TypeReport.Tally tally)
            throws SQLException {
        if (legacyStates.isEmpty()) {
            return;
        }
        Map<UUID, EntityState> core = coreStates(type, legacyStates.stream().map(EntityState::id).toList(), c);
        for (EntityState left : legacyStates) {
            tally.compared++;
            EntityState right = core.get(left.id());
            if (right != null) {
                List<String> fields = differingFields(left, right);
                if (!fields.isEmpty()) {
                    tally.add(new Drift(type, left.id(), Drift.Kind.DIFFERENT, fields));
                }
            }
        }
    }

    private PreparedStatement cursor(Connection connection, String sql) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
        statement.setFetchSize(properties.fetchSize());
        return statement;
    }

    private EntityState nextLegacy(LegacyRows.Reader rows, ResultSet rs) throws SQLException {
        while (rs.next()) {
            var state = rows.read();
            if (state.isPresent()) {
                scanned.incrementAndGet();
                return state.get();
            }
        }
        return null;
    }

    private EntityState nextCore(EntityType type, ResultSet rs) throws SQLException {
        if (!rs.next()) {
            return null;
        }
        scanned.incrementAndGet();
        return CoreStates.read(type, rs);
    }

    /** Ids compare as their lower-case text, which is how both databases sort them here. */
    private static String key(EntityState state) {
        return state.id().toString();
    }

    /** The names of the record components that differ; never their values (a password hash may be one). */
    static List<String> differingFields(EntityState left, EntityState right) {
        List<String> fields = new ArrayList<>();
        for (RecordComponent component : left.getClass().getRecordComponents()) {
            try {
                Object a = component.getAccessor().invoke(left);
                Object b = component.getAccessor().invoke(right);
                if (!Objects.equals(a, b)) {
                    fields.add(component.getName());
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return fields;
    }

    /** Logs progress at most every {@code progressInterval}, whichever range ticks. */
    private final class Progress {
        private final EntityType type;

        Progress(EntityType type) {
            this.type = type;
        }

        void tick() {
            long now = System.nanoTime();
            long last = lastProgress.get();
            if (now - last >= properties.progressInterval().toNanos() && lastProgress.compareAndSet(last, now)) {
                log.info("Reconciliation in progress: {}, {} entities scanned, {} per second", type, scanned.get(),
                        (long) (scanned.get() / Math.max(1e-3, (now - runStarted) / 1e9)));
            }
        }
    }
}
