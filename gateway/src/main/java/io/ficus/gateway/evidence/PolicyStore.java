package io.ficus.gateway.evidence;

import io.ficus.gateway.catalog.RouteCatalog;
import java.time.Duration;
import java.util.NoSuchElementException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** The groups' promotion policies in the gateway database; a group without a row has the configured default. */
@Component
public class PolicyStore {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final RouteCatalog catalog;
    private final EvidenceProperties properties;
    private final EvidenceAudit audit;

    public PolicyStore(JdbcTemplate jdbc, TransactionTemplate tx, RouteCatalog catalog, EvidenceProperties properties,
                       EvidenceAudit audit) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.catalog = catalog;
        this.properties = properties;
        this.audit = audit;
    }

    /** The group's policy. @throws NoSuchElementException for an unknown group */
    public GroupPolicy policy(String group) {
        requireGroup(group);
        return jdbc.query("select window_seconds, min_comparisons, max_mismatch_rate, max_core_error_rate,"
                        + " max_latency_ratio, auto_rollback from group_policy where group_name = ?",
                (rs, n) -> new GroupPolicy(group, Duration.ofSeconds(rs.getLong(1)), rs.getInt(2), rs.getDouble(3),
                        rs.getDouble(4), rs.getDouble(5), rs.getBoolean(6)), group)
                .stream().findFirst().orElseGet(() -> GroupPolicy.defaults(group, properties.defaultPolicy()));
    }

    /** Stores the group's policy and audits the change, in one transaction. */
    public GroupPolicy save(GroupPolicy policy, String actor) {
        requireGroup(policy.group());
        tx.executeWithoutResult(status -> {
            jdbc.update("insert into group_policy (group_name, window_seconds, min_comparisons, max_mismatch_rate,"
                            + " max_core_error_rate, max_latency_ratio, auto_rollback, updated_by) values (?, ?, ?, ?, ?, ?, ?, ?)"
                            + " on conflict (group_name) do update set window_seconds = excluded.window_seconds,"
                            + " min_comparisons = excluded.min_comparisons, max_mismatch_rate = excluded.max_mismatch_rate,"
                            + " max_core_error_rate = excluded.max_core_error_rate, max_latency_ratio = excluded.max_latency_ratio,"
                            + " auto_rollback = excluded.auto_rollback, updated_at = now(), updated_by = excluded.updated_by",
                    policy.group(), policy.window().toSeconds(), policy.minComparisons(), policy.maxMismatchRate(),
                    policy.maxCoreErrorRate(), policy.maxLatencyRatio(), policy.autoRollback(), actor);
            audit.record(actor, "POLICY", policy.group(), false, null, policy.toString());
        });
        return policy(policy.group());
    }

    private void requireGroup(String group) {
        if (catalog.group(group).isEmpty()) {
            throw new NoSuchElementException("no group " + group);
        }
    }
}
