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
import io.ficus.core.shared.Caller;
import io.ficus.core.users.ChangeUser;
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
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Nothing is lost while Kafka is down: changes committed while the producer cannot reach any broker stay in the
 * outbox ({@code core_event_outbox}, written with the change), the sender retries them without a limit and says so in
 * its health and metrics, and once the broker is reachable again the very CoreEvents stored with the changes arrive on
 * {@code ticketing.core-events}, each aggregate's in the order of its commits.
 *
 * <p>The outage: a core of its own (own database, own topic prefix) whose producer, and only its producer, points at a
 * closed port, failing each send after {@code max.block.ms}. Everything else (consumers, database) works. Kafka "comes
 * back" by pointing the application's own producer factory at the real broker; the sender's next retry (backoff at most
 * 1 s here) then has to deliver.
 *
 * <p>Why it would fail without the guarantee: if the events were sent from a plain after-commit listener with nothing
 * stored, or deleted from the outbox without the broker's acknowledgement, the failed sends would be lost: no row would
 * remain while Kafka is down, and no record would ever reach the topic after it came back. The context is closed after
 * the class.
 */
@SpringBootTest(classes = CoreApplication.class, properties = {"ficus.core.publication-retry-interval=1s",
        "ficus.core.incomplete-after=1m", "spring.kafka.producer.properties.max.block.ms=1000",
        "ficus.core.events.max-backoff=1s", "ficus.core.events.send-timeout=2s", "ficus.core.events.down-after=1s"})
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
    @Autowired
    HealthIndicator coreEventExternalizer;
    @Autowired
    MeterRegistry meters;

    @Test
    void changesCommittedWhileKafkaIsDownArePublishedUnchangedAndInOrderOnceKafkaIsBack() {
        String email = "outage-" + UUID.randomUUID() + "@example.com";
        UUID user = FollowUps.run(() -> users.register(new RegisterUser("Outage", email, "secret-password"))).id();
        for (int i = 1; i <= 5; i++) {
            String name = "Outage " + i;
            FollowUps.run(() -> users.change(new Caller(user, email), new ChangeUser(user, Set.of("name"), name, null, null)));
        }

        // Kafka is down: rounds failed, health and metrics say so, and the events are still in the outbox.
        await().atMost(Duration.ofSeconds(30)).until(() -> coreEventExternalizer.health().getStatus().equals(Status.DOWN));
        assertThat(meters.get("ficus.core.events.failed.rounds").counter().count()).isGreaterThanOrEqualTo(1);
        assertThat(meters.get("ficus.core.events.failing").gauge().value()).isPositive();
        List<String> stored = jdbc.sql("select payload from core_event_outbox where message_key = ? order by id")
                .param(user.toString()).query(String.class).list();
        assertThat(stored).hasSize(6);
        List<CoreEvent> expected = stored.stream().map(s -> json.readValue(s, CoreEvent.class)).toList();
        assertThat(expected).extracting(CoreEvent::version).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(recordsFor(user)).isEmpty();

        // Kafka is back.
        var factory = (DefaultKafkaProducerFactory<String, String>) producers;
        factory.updateConfigs(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfra.kafka().bootstrapServers()));
        factory.reset();

        await().atMost(Duration.ofSeconds(30)).until(() -> recordsFor(user).size() >= 6);
        List<CoreEvent> delivered = recordsFor(user);
        // At least once: a round that timed out may have reached the broker too; the first of each is in commit order.
        assertThat(delivered.stream().map(CoreEvent::eventId).distinct().toList())
                .containsExactlyElementsOf(expected.stream().map(CoreEvent::eventId).toList());
        assertThat(delivered).allSatisfy(e -> assertThat(expected).contains(e));
        CoreEvent first = delivered.get(0);
        assertThat(first.aggregateType()).isEqualTo(EntityType.USER);
        assertThat(first.kind()).isEqualTo(ChangeKind.UPSERTED);
        assertThat(((UserState) first.state()).email()).isEqualTo(email);
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("select count(*) from core_event_outbox").query(Long.class).single() == 0);
        await().atMost(Duration.ofSeconds(30)).until(() -> coreEventExternalizer.health().getStatus().equals(Status.UP));
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
