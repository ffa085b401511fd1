package io.ficus.sandbox;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
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
 * Checks that the sync flows both ways before the sandbox says it is up: the consumers of every sync topic (new-core's
 * legacy changes, legacy-adapter's CDC and core events) have their partitions assigned, then a change travels each way
 * through legacy-adapter's sync fence. Legacy → core: a fence row written into the legacy's database is captured by
 * cdc-bridge, and the adapter's and the core's consumers pass it, so everything the legacy held before (the seeded
 * users, projects and tickets, through the snapshot) is applied in the core. Core → legacy: the core's pending event
 * publications are completed and the write-back consumer passes the end of the core's events. A walk-through started
 * after "up" therefore finds the seeded users in the core (no 401) and the write-back running.
 */
final class SyncProbe {

    /** Consumer groups of the sync and the topics whose partitions each must have assigned. */
    private static final Map<String, List<String>> GROUPS = Map.of(
            "new-core-legacy-changes", List.of("ticketing.legacy-changes"),
            "legacy-adapter-inbound", List.of("legacy.cdc.usr_user"),
            "legacy-adapter-outbound", List.of("ticketing.core-events"));

    private final StackConfig config;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    SyncProbe(StackConfig config) {
        this.config = config;
    }

    /** How long each step of the probe took. */
    record Travelled(Duration assigned, Duration legacyToCore, Duration coreToLegacy) {
    }

    /** Waits until the sync flows both ways, or fails with what is missing once {@code timeout} passed. */
    Travelled await(Duration timeout) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        String missing = awaitAssignments(deadline);
        if (missing != null) {
            throw new IllegalStateException("the sync consumers were not assigned within " + timeout.toSeconds()
                    + " s: " + missing);
        }
        long assigned = System.nanoTime();
        awaitFence("LEGACY_TO_CORE", deadline, timeout);
        long legacyToCore = System.nanoTime();
        awaitFence("CORE_TO_LEGACY", deadline, timeout);
        return new Travelled(Duration.ofNanos(assigned - start), Duration.ofNanos(legacyToCore - assigned),
                Duration.ofNanos(System.nanoTime() - legacyToCore));
    }

    /** Calls the sync fence in {@code direction} until it answers 200, or fails with its last answer at the deadline. */
    private void awaitFence(String direction, long deadline, Duration timeout) throws InterruptedException {
        String credentials = Base64.getEncoder().encodeToString((config.adminUser() + ":" + config.adminPassword())
                .getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(config.url(App.LEGACY_ADAPTER) + "/ficus/api/sync/fence"))
                .header("Authorization", "Basic " + credentials).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(40))
                .POST(HttpRequest.BodyPublishers.ofString("{\"direction\":\"" + direction + "\",\"timeout\":\"PT30S\"}"))
                .build();
        String last = "not asked yet";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200) {
                    return;
                }
                last = answer.statusCode() + " " + answer.body();
            } catch (java.io.IOException e) {
                last = e.toString();
            }
            TimeUnit.MILLISECONDS.sleep(500);
        }
        throw new IllegalStateException("no change travelled " + direction + " within " + timeout.toSeconds()
                + " s; the sync fence's last answer: " + last);
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
