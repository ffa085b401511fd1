package io.ficus.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ficus.sandbox.App;
import io.ficus.sandbox.Stack;
import io.ficus.contracts.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * A write made in one system is applied exactly once in the other and never comes back: the
 * adapter's write-back is recognised by its echo mark, and the core does not re-publish what
 * it applied from the legacy.
 */
class NoEchoIT {

    /** The adapter's counter of dropped echoes, from its Prometheus scrape. */
    static double echoesDropped(Stack stack) {
        String metrics = new Http(stack.config().url(App.LEGACY_ADAPTER), null).get("/actuator/prometheus").body();
        return metrics.lines().filter(l -> l.startsWith("ficus_adapter_inbound_echoes_dropped_total"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    /** Every record of {@code topic} whose key is {@code id}, read from the beginning. */
    static List<String> topicKeys(Stack stack, String topic, UUID id) {
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.config().kafka(),
                ConsumerConfig.GROUP_ID_CONFIG, "no-echo-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            var partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<String> values = new ArrayList<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (id.toString().equals(r.key())) {
                        values.add(r.value());
                    }
                });
            }
            return values;
        }
    }

    @Test
    void aUserRegisteredInTheCoreIsWrittenIntoTheLegacyOnceAndItsEchoIsDropped() throws Exception {
        Stack stack = RunningStack.get();
        var legacyDb = stack.config().legacyDb();
        var coreDb = stack.config().coreDb();
        double echoesBefore = echoesDropped(stack);
        String email = "echo-core-" + UUID.randomUUID() + "@example.com";
        var registered = new Http(stack.config().url(App.NEW_CORE), null)
                .post("/api/register", Map.of("name", "Echo", "email", email, "password", "echo-pass"));
        assertThat(registered.status()).isEqualTo(201);
        UUID id = UUID.fromString(registered.json().get("id").asString());

        await().atMost(Duration.ofSeconds(60)).until(() -> Sql.count(legacyDb, "select count(*) from usr_user where usr_id = ?", id.toString()) == 1);
        // The legacy rows of the write-back come back through CDC and are dropped as echoes ...
        await().atMost(Duration.ofSeconds(60)).until(() -> echoesDropped(stack) > echoesBefore);
        // ... and a later legacy change of the same user (the sentinel) travels the same partition after the echo
        // would have: once the core applied it, anything the echo could have caused has happened.
        var legacy = new Http(stack.config().url(App.LEGACY_APP), null).login(email, "echo-pass");
        assertThat(legacy.patch("/api/users/" + id, Map.of("name", "Echo sentinel")).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).until(() ->
                Sql.count(coreDb, "select count(*) from users_user where id = ? and name = 'Echo sentinel'", id) == 1);
        // Only the sentinel was translated into a legacy change: the write-back's echo never reached the core.
        assertThat(topicKeys(stack, new Topics(stack.config().topicPrefix()).legacyChanges(), id)).hasSize(1);
        assertThat(Sql.count(legacyDb, "select count(*) from ficus.applied_version where entity_id = ?", id)).isEqualTo(1);
        // And the user can log in on the legacy with the password given to the core.
        assertThat(new Http(stack.config().url(App.LEGACY_APP), null)
                .post("/api/login", Map.of("email", email, "password", "echo-pass")).status()).isEqualTo(200);
    }

    @Test
    void aUserRegisteredInTheLegacyIsAppliedInTheCoreOnceAndNothingIsWrittenBack() throws Exception {
        Stack stack = RunningStack.get();
        var legacyDb = stack.config().legacyDb();
        var coreDb = stack.config().coreDb();
        String email = "echo-legacy-" + UUID.randomUUID() + "@example.com";
        var registered = new Http(stack.config().url(App.LEGACY_APP), null)
                .post("/api/register", Map.of("name", "Echo", "email", email, "password", "echo-pass"));
        assertThat(registered.status()).isEqualTo(201);
        UUID id = UUID.fromString(registered.json().get("id").asString());

        await().atMost(Duration.ofSeconds(60)).until(() -> Sql.count(coreDb, "select count(*) from users_user where id = ?", id) == 1);
        assertThat(Sql.count(coreDb, "select count(*) from legacy_source_position where entity_id = ?", id)).isEqualTo(1);
        assertThat(Sql.count(coreDb, "select version from users_user where id = ?", id)).as("applied once").isEqualTo(1);
        // A later core change of the same user (the sentinel) is published on the same partition after anything the
        // core could have re-published for the legacy's change: once the legacy has the sentinel, that has happened.
        var core = new Http(stack.config().url(App.NEW_CORE), null).login(email, "echo-pass");
        assertThat(core.patch("/api/users/" + id, Map.of("name", "Echo sentinel")).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).until(() ->
                Sql.count(legacyDb, "select count(*) from usr_user where usr_id = ? and usr_name = 'Echo sentinel'", id.toString()) == 1);
        // The core published only the sentinel: the change it applied from the legacy was never written back.
        assertThat(topicKeys(stack, new Topics(stack.config().topicPrefix()).coreEvents(), id)).hasSize(1);
        assertThat(Sql.count(legacyDb, "select version from ficus.applied_version where entity_id = ?", id)).isEqualTo(2);
        assertThat(new Http(stack.config().url(App.NEW_CORE), null)
                .post("/api/login", Map.of("email", email, "password", "echo-pass")).status()).isEqualTo(200);
    }
}
