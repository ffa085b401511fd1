package io.ficus.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.ficus.testkit.Database;
import io.ficus.testkit.TestInfra;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Base of every integration test: one running core on a random port against one PostgreSQL
 * database and one topic prefix on the shared Kafka, the same configuration for every class so
 * that they share one Spring context. Talks plain HTTP, as clients do.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"ficus.core.publication-retry-interval=1s", "ficus.core.incomplete-after=1m",
                "ficus.core.legacy-change-max-backoff=1s"},
        classes = {CoreApplication.class, TestListeners.class})
public abstract class CoreTest {

    static {
        // Waits end as soon as their condition holds; the generous ceiling only matters on a loaded CI machine.
        org.awaitility.Awaitility.setDefaultTimeout(Duration.ofSeconds(60));
    }

    private static Database database;
    protected static final String prefix = TestInfra.newTopicPrefix();
    protected static final JsonMapper json = JsonMapper.builder().build();
    private static final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    protected int port;
    @Autowired
    protected JdbcClient jdbc;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> database().jdbcUrl());
        registry.add("spring.datasource.username", () -> database().username());
        registry.add("spring.datasource.password", () -> database().password());
        registry.add("spring.kafka.bootstrap-servers", () -> TestInfra.kafka().bootstrapServers());
        registry.add("ficus.core.topic-prefix", () -> prefix);
    }

    private static synchronized Database database() {
        if (database == null) {
            database = TestInfra.newDatabase("core");
        }
        return database;
    }

    /** An HTTP answer. */
    public record Answer(int status, JsonNode body, String raw) {
        public Answer expect(int expected) {
            assertThat(status).as("status of %s", raw).isEqualTo(expected);
            return this;
        }

        public Answer expectError(int expected, String message) {
            expect(expected);
            assertThat(body.path("status").asInt()).isEqualTo(expected);
            assertThat(body.path("message").asString()).isEqualTo(message);
            return this;
        }

        public String id() {
            return body.path("id").asString();
        }
    }

    /** A registered, logged-in user. */
    public record Account(String id, String email, String token) {
    }

    protected Answer call(String method, String path, String token, Object body, Map<String, String> headers) {
        try {
            var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(60));
            String payload = body == null ? null : body instanceof String s ? s : json.writeValueAsString(body);
            request.method(method, payload == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(payload));
            if (payload != null) {
                request.header("Content-Type", "application/json");
            }
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            headers.forEach(request::header);
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String raw = response.body();
            return new Answer(response.statusCode(), raw == null || raw.isBlank() ? json.missingNode() : json.readTree(raw), raw);
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        }
    }

    protected Answer get(String path, Account who) {
        return call("GET", path, who == null ? null : who.token(), null, Map.of());
    }

    protected Answer post(String path, Account who, Object body) {
        return call("POST", path, who == null ? null : who.token(), body, Map.of());
    }

    protected Answer patch(String path, Account who, Object body) {
        return call("PATCH", path, who == null ? null : who.token(), body, Map.of());
    }

    protected Answer delete(String path, Account who) {
        return call("DELETE", path, who == null ? null : who.token(), null, Map.of());
    }

    protected Account newAccount() {
        String email = "user-" + UUID.randomUUID() + "@example.com";
        String id = post("/api/register", null, Map.of("name", "User", "email", email, "password", "secret-password")).expect(201).id();
        String token = post("/api/login", null, Map.of("email", email, "password", "secret-password")).expect(200)
                .body().path("token").asString();
        return new Account(id, email, token);
    }

    protected String defaultProject(Account who) {
        return get("/api/projects", who).expect(200).body().get(0).path("id").asString();
    }

    protected String addMember(Account admin, String projectId, Account member, String role) {
        String membership = post("/api/projects/" + projectId + "/memberships", admin, Map.of("userId", member.id(), "role", role))
                .expect(201).id();
        patch("/api/memberships/" + membership, member, Map.of("state", "ACCEPTED")).expect(200);
        return membership;
    }

    protected String createTicket(Account who, String projectId, String title, String... assignees) {
        return post("/api/projects/" + projectId + "/tickets", who, Map.of("title", title, "assigneeIds", List.of(assignees)))
                .expect(201).id();
    }

    protected long count(String sql, Object... args) {
        return jdbc.sql(sql).params(args).query(Long.class).single();
    }

    /** Every record on the core-events topic so far, read from the beginning. */
    protected static List<ConsumerRecord<String, String>> coreEvents() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfra.kafka().bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            var topic = new io.ficus.contracts.Topics(prefix).coreEvents();
            var partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(i -> new org.apache.kafka.common.TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<org.apache.kafka.common.TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }
}
