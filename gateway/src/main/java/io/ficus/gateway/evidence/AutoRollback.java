package io.ficus.gateway.evidence;

import io.ficus.gateway.catalog.CatalogRoute;
import io.ficus.gateway.catalog.Mode;
import io.ficus.gateway.catalog.RouteCatalog;
import io.ficus.gateway.catalog.Toggle;
import io.ficus.gateway.cutover.Cutover;
import io.ficus.gateway.toggles.ToggleStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Rolls a group in CANARY or NEW back to SHADOW when its evidence since its last flip (within its policy's window)
 * breaches its policy's core error rate or mismatch rate, with at least {@code rollback-min-requests} core answers (or
 * decisive comparisons) behind the rate. Every replica checks every {@code rollback-interval}; one acts: it holds the
 * group's PostgreSQL advisory lock (session level, on a connection of its own, so the flip's handover commits as usual)
 * and checks again under it. The flip goes through {@link Cutover} (a handover when the writes move back), audited with
 * the actor {@value #ACTOR} and the figures, and counted in {@code ficus.gateway.auto.rollbacks}.
 */
@Component
public class AutoRollback implements SmartLifecycle {

    /** The actor of automatic rollbacks in the audit trail. */
    public static final String ACTOR = "auto-rollback";
    private static final Logger log = LoggerFactory.getLogger(AutoRollback.class);
    /** First key of the advisory locks: a constant of this feature ("FICUSARB"). */
    private static final int LOCK_SPACE = 0x46415242;

    private final RouteCatalog catalog;
    private final ToggleStore toggles;
    private final PolicyStore policies;
    private final EvidenceQuery evidence;
    private final EvidenceAudit audit;
    private final Cutover cutover;
    private final JdbcTemplate jdbc;
    private final DataSource dataSource;
    private final EvidenceProperties properties;
    private final MeterRegistry meters;
    private ScheduledExecutorService checker;

    public AutoRollback(RouteCatalog catalog, ToggleStore toggles, PolicyStore policies, EvidenceQuery evidence,
                        EvidenceAudit audit, Cutover cutover, JdbcTemplate jdbc, DataSource dataSource,
                        EvidenceProperties properties, MeterRegistry meters) {
        this.catalog = catalog;
        this.toggles = toggles;
        this.policies = policies;
        this.evidence = evidence;
        this.audit = audit;
        this.cutover = cutover;
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.properties = properties;
        this.meters = meters;
    }

    /** Checks every group in CANARY or NEW now, rolling back those that breach. */
    public void check() {
        TreeSet<String> groups = new TreeSet<>();
        for (CatalogRoute route : catalog.routes()) {
            Mode mode = toggles.snapshot().of(route.id()).mode();
            if (mode == Mode.CANARY || mode == Mode.NEW) {
                groups.add(route.group());
            }
        }
        for (String group : groups) {
            try {
                if (breach(group) != null) {
                    rollBackUnderLock(group);
                }
            } catch (RuntimeException e) {
                log.warn("automatic rollback check of group {} failed: {}", group, e.toString());
            }
        }
    }

    /** The figures of a breach of the group's policy, or null when there is none (or auto-rollback is off). */
    String breach(String group) {
        GroupPolicy policy = policies.policy(group);
        if (!policy.autoRollback()) {
            return null;
        }
        Instant from = Instant.now().minus(policy.window());
        Timestamp lastFlip = jdbc.queryForObject("select max(changed_at) from toggle_audit where group_name = ?",
                Timestamp.class, group);
        if (lastFlip != null && lastFlip.toInstant().isAfter(from)) {
            from = lastFlip.toInstant();
        }
        EvidenceQuery.GroupEvidence figures = evidence.group(group, from);
        EvidenceQuery.RouteEvidence e = figures.evidence();
        List<String> breaches = new ArrayList<>();
        if (figures.coreRequests() >= properties.rollbackMinRequests() && e.coreErrorRate() > policy.maxCoreErrorRate()) {
            breaches.add("core error rate " + PromotionGate.percent(e.coreErrorRate()) + " over " + figures.coreRequests()
                    + " core answers exceeds " + PromotionGate.percent(policy.maxCoreErrorRate()));
        }
        if (e.decisive() >= properties.rollbackMinRequests() && e.mismatchRate() > policy.maxMismatchRate()) {
            breaches.add("mismatch rate " + PromotionGate.percent(e.mismatchRate()) + " over " + e.decisive()
                    + " comparisons exceeds " + PromotionGate.percent(policy.maxMismatchRate()));
        }
        return breaches.isEmpty() ? null : String.join("; ", breaches) + " (since " + from + ")";
    }

    private void rollBackUnderLock(String group) {
        try (Connection connection = dataSource.getConnection()) {
            if (!advisory(connection, "pg_try_advisory_lock", group)) {
                return;
            }
            try {
                // checked again under the lock: another replica may have rolled the group back meanwhile
                toggles.refresh();
                boolean promoted = catalog.group(group).stream()
                        .map(r -> toggles.snapshot().of(r.id()).mode()).anyMatch(m -> m == Mode.CANARY || m == Mode.NEW);
                String figures = promoted ? breach(group) : null;
                if (figures != null) {
                    rollBack(group, figures);
                }
            } finally {
                advisory(connection, "pg_advisory_unlock", group);
            }
        } catch (java.sql.SQLException e) {
            log.warn("automatic rollback of group {}: no database connection for its lock: {}", group, e.toString());
        }
    }

    private static boolean advisory(Connection connection, String function, String group) throws java.sql.SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select " + function + "(?, ?)")) {
            statement.setInt(1, LOCK_SPACE);
            statement.setInt(2, group.hashCode());
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private void rollBack(String group, String figures) {
        String reason = "automatic rollback: " + figures;
        log.warn("rolling group {} back to SHADOW: {}", group, figures);
        try {
            cutover.flipGroup(group, new Toggle(Mode.SHADOW, 0), ACTOR, reason);
            audit.record(ACTOR, "AUTO_ROLLBACK", group, false, reason, figures);
            meters.counter("ficus.gateway.auto.rollbacks", "group", group, "outcome", "done").increment();
        } catch (RuntimeException e) {
            meters.counter("ficus.gateway.auto.rollbacks", "group", group, "outcome", "refused").increment();
            audit.record(ACTOR, "AUTO_ROLLBACK_REFUSED", group, false, reason, figures + "; the flip was refused: " + e.getMessage());
            log.warn("automatic rollback of group {} refused (tried again at the next check): {}", group, e.getMessage());
        }
    }

    private void checkQuietly() {
        try {
            check();
        } catch (RuntimeException e) {
            log.warn("automatic rollback check failed: {}", e.toString());
        }
    }

    @Override
    public void start() {
        checker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "ficus-auto-rollback");
            thread.setDaemon(true);
            return thread;
        });
        long interval = properties.rollbackInterval().toMillis();
        checker.scheduleWithFixedDelay(this::checkQuietly, interval, interval, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        if (checker != null) {
            checker.shutdownNow();
            checker = null;
        }
    }

    @Override
    public boolean isRunning() {
        return checker != null;
    }
}
