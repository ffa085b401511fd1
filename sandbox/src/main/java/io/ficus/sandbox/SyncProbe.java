package io.ficus.sandbox;

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
 * Checks that the sync consumes before the sandbox says it is up: the consumers of every sync topic (new-core's
 * legacy changes, legacy-adapter's CDC and core events) have their partitions assigned.
 */
final class SyncProbe {

    /** Consumer groups of the sync and the topics whose partitions each must have assigned. */
    private static final Map<String, List<String>> GROUPS = Map.of(
            "new-core-legacy-changes", List.of("ticketing.legacy-changes"),
            "legacy-adapter-inbound", List.of("legacy.cdc.usr_user"),
            "legacy-adapter-outbound", List.of("ticketing.core-events"));

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

}
