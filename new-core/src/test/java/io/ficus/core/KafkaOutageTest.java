package io.ficus.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ficus.contracts.ChangeKind;
import io.ficus.contracts.CoreEvent;
import io.ficus.contracts.EntityType;
import io.ficus.contracts.Topics;
import io.ficus.contracts.UserState;
import io.ficus.core.shared.FollowUps;
import io.ficus.core.users.RegisterUser;
import io.ficus.core.users.UserManagement;
import io.ficus.testkit.Database;
import io.ficus.testkit.TestInfra;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Nothing is lost while Kafka is down: a change committed while the producer cannot reach any
 * broker stays in the publication registry (failed, retried), and once the broker is reachable
 * again the very CoreEvent stored with the change arrives on {@code ticketing.core-events}.
 *
 * <p>The outage: a core of its own (own database, so the shared test core's retries cannot
 * deliver its publications; own topic prefix) whose producer, and only its producer, points at a
 * closed port, failing each send after {@code max.block.ms}. Everything else (consumers,
 * database) works. Kafka "comes back" by pointing the application's own producer factory at the
 * real broker; the registry's periodic retry (every 1 s here) then has to deliver.
 *
 * <p>Why it would fail without the guarantee: if the externalizer were a plain listener (or
 * completed the publication without waiting for the broker's acknowledgement), the failed send
 * would be lost: no incomplete publication would remain while Kafka is down, and no record would
 * ever reach the topic after it came back. The context is closed after the class.
 */
@SpringBootTest(classes = CoreApplication.class, properties = {"ficus.core.publication-retry-interval=1s",
        "ficus.core.incomplete-after=1m", "spring.kafka.producer.properties.max.block.ms=1000"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class KafkaOutageTest {

    private static final Database database = TestInfra.newDatabase("core-kafka-outage");
    private static final String prefix = TestInfra.newTopicPrefix();
    private static final JsonMapper json = JsonMapper.builder().build();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", database::jdbcUrl);
        registry.add("spring.datasource.username", database::username);
        registry.add("spring.datasource.password", database::password);
        registry.add("spring.kafka.bootstrap-servers", () -> TestInfra.kafka().bootstrapServers());
        registry.add("spring.kafka.producer.bootstrap-servers", () -> "localhost:" + closedPort());
        registry.add("ficus.core.topic-prefix", () -> prefix);
    }

    @Autowired
    UserManagement users;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ProducerFactory<String, String> producers;

    @Test
    void aChangeCommittedWhileKafkaIsDownIsPublishedUnchangedOnceKafkaIsBack() {
        String email = "outage-" + UUID.randomUUID() + "@example.com";
        UUID user = FollowUps.run(() -> users.register(new RegisterUser("Outage", email, "secret-password"))).id();

        // Kafka is down: the send failed, more than once, and the publication is still there, incomplete.
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("select coalesce(max(completion_attempts), 0) from event_publication"
                        + " where completion_date is null and status = 'FAILED' and listener_id like '%CoreEventExternalizer%'"
                        + " and serialized_event like ?").param("%\"aggregateId\":\"" + user + "\"%").query(Integer.class).single() >= 2);
        List<String> stored = jdbc.sql("select serialized_event from event_publication where listener_id like '%CoreEventExternalizer%'"
                + " and serialized_event like ?").param("%\"aggregateId\":\"" + user + "\"%").query(String.class).list();
        assertThat(stored).hasSize(1);
        CoreEvent expected = json.readValue(stored.get(0), CoreEvent.class);
        assertThat(recordsFor(user)).isEmpty();

        // Kafka is back.
        var factory = (DefaultKafkaProducerFactory<String, String>) producers;
        factory.updateConfigs(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfra.kafka().bootstrapServers()));
        factory.reset();

        await().atMost(Duration.ofSeconds(30)).until(() -> !recordsFor(user).isEmpty());
        List<CoreEvent> delivered = recordsFor(user);
        assertThat(delivered).allSatisfy(e -> {
            assertThat(e.eventId()).isEqualTo(expected.eventId());
            assertThat(e.aggregateType()).isEqualTo(EntityType.USER);
            assertThat(e.aggregateId()).isEqualTo(user);
            assertThat(e.version()).isEqualTo(1L);
            assertThat(e.kind()).isEqualTo(ChangeKind.UPSERTED);
            assertThat(e.occurredAt()).isEqualTo(expected.occurredAt());
            assertThat(((UserState) e.state()).email()).isEqualTo(email);
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("select count(*) from event_publication"
                + " where completion_date is null and listener_id like '%CoreEventExternalizer%'").query(Long.class).single() == 0);
    }

    private static List<CoreEvent> recordsFor(UUID aggregateId) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfra.kafka().bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<CoreEvent> events = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            String topic = new Topics(prefix).coreEvents();
            List<TopicPartition> partitions = consumer.listTopics(Duration.ofSeconds(10)).getOrDefault(topic, List.of()).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            if (partitions.isEmpty()) {
                return events;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (r.key().equals(aggregateId.toString())) {
                        events.add(json.readValue(r.value(), CoreEvent.class));
                    }
                });
            }
        }
        return events;
    }

    private static int closedPort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
