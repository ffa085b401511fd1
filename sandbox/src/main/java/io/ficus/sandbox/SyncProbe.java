package io.ficus.sandbox;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;

/**
 * Proves the sync flows before the sandbox says it is up: the consumers of every sync topic have their partitions
 * assigned, and a probe change committed in the legacy has been applied by the core.
 *
 * <p>The probe rewrites one legacy user row with its own values ({@code UPDATE ... SET name = name}): a real
 * committed change that cdc-bridge captures, legacy-adapter translates and the core applies (its source position
 * for the user moves past the probe's), without changing any data. With no user in the legacy (no seed), only the
 * assignments are checked.
 */
final class SyncProbe {

    /** Consumer groups of the sync and the topics whose partitions each must have assigned. */
    private static final Map<String, List<String>> GROUPS = Map.of(
            "new-core", List.of("ticketing.legacy-changes"),
            "legacy-adapter", List.of("ticketing.core-events", "legacy.cdc.usr_user"));

    private final StackConfig config;

    SyncProbe(StackConfig config) {
        this.config = config;
    }

    /** Waits until the sync flows, or fails with what is missing once {@code timeout} passed. */
    Duration await(Duration timeout) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        String missing = awaitAssignments(deadline);
        if (missing != null) {
            throw new IllegalStateException("the sync consumers were not assigned within " + timeout.toSeconds()
                    + " s: " + missing);
        }
        if (!awaitProbeChange(deadline)) {
            throw new IllegalStateException("a probe change in the legacy did not reach the core within "
                    + timeout.toSeconds() + " s; see the logs of cdc-bridge, legacy-adapter and new-core");
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** {@code null} once every group has members with the partitions of its topics, else what is missing. */
    private String awaitAssignments(long deadline) throws InterruptedException {
        String missing = "not asked yet";
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafka()))) {
            while (System.nanoTime() < deadline) {
                missing = missingAssignments(admin);
                if (missing == null) {
                    return null;
                }
                TimeUnit.MILLISECONDS.sleep(250);
            }
        }
        return missing;
    }

    private String missingAssignments(Admin admin) throws InterruptedException {
        try {
            Map<String, ConsumerGroupDescription> groups =
                    admin.describeConsumerGroups(GROUPS.keySet()).all().get(5, TimeUnit.SECONDS);
            for (var group : GROUPS.entrySet()) {
                Set<String> assigned = new HashSet<>();
                groups.get(group.getKey()).members().forEach(member ->
                        member.assignment().topicPartitions().forEach(tp -> assigned.add(tp.topic())));
                for (String topic : group.getValue()) {
                    if (!assigned.contains(config.topicPrefix() + topic)) {
                        return "group " + group.getKey() + " has no partition of " + config.topicPrefix() + topic;
                    }
                }
            }
            return null;
        } catch (ExecutionException | TimeoutException e) {
            return "Kafka did not describe the consumer groups: " + e.getMessage();
        }
    }

    private boolean awaitProbeChange(long deadline) throws InterruptedException {
        try (Connection legacy = connect(config.legacyDb()); Connection core = connect(config.coreDb())) {
            String userId;
            long before;
            try (var statement = legacy.createStatement();
                    var rows = statement.executeQuery("select usr_id, pg_current_wal_lsn() - '0/0'::pg_lsn from usr_user limit 1")) {
                if (!rows.next()) {
                    return true;
                }
                userId = rows.getString(1);
                before = rows.getLong(2);
            }
            try (var update = legacy.prepareStatement("update usr_user set usr_name = usr_name where usr_id = ?")) {
                update.setString(1, userId);
                update.executeUpdate();
            }
            try (var position = core.prepareStatement(
                    "select lsn from legacy_source_position where entity_type = 'USER' and entity_id = ?::uuid")) {
                position.setString(1, userId);
                while (System.nanoTime() < deadline) {
                    try (var rows = position.executeQuery()) {
                        if (rows.next() && rows.getLong(1) > before) {
                            return true;
                        }
                    }
                    TimeUnit.MILLISECONDS.sleep(100);
                }
            }
            return false;
        } catch (SQLException e) {
            throw new IllegalStateException("the sync probe could not reach a database: " + e.getMessage(), e);
        }
    }

    private static Connection connect(io.ficus.testkit.Database db) throws SQLException {
        return DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
    }
}
