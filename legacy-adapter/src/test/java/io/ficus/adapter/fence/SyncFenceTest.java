package io.ficus.adapter.fence;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.ficus.adapter.AdapterIntegrationTest;
import io.ficus.contracts.ChangeKind;
import io.ficus.contracts.CoreEvent;
import io.ficus.contracts.EntityType;
import io.ficus.contracts.TicketState;
import io.ficus.contracts.Topics;
import io.ficus.testkit.TestInfra;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sync fence against real PostgreSQL and Kafka: cdc-bridge is played by the test (it
 * publishes the legacy's row changes and then reports the fence row, in that order, as the real
 * bridge does), and so is the core (a real consumer in the core's group that commits after
 * "applying").
 */
class SyncFenceTest extends AdapterIntegrationTest {

    static final WireMockServer bridge = new WireMockServer(WireMockConfiguration.options().dynamicPort());

    @Autowired
    SyncFence fence;
    @Autowired
    FenceController controller;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    KafkaTemplate<String, String> kafka;
    @Autowired
    JsonMapper json;
    @Autowired
    MeterRegistry meters;

    FenceProperties original;
    final Topics topics = new Topics(prefix);

    @BeforeAll
    static void startBridge() throws Exception {
        bridge.start();
        try (var c = DriverManager.getConnection(core.jdbcUrl(), core.username(), core.password()); var s = c.createStatement()) {
            // Spring Modulith's JDBC publication registry, as the core creates it.
            s.execute("""
                    create table if not exists event_publication (id uuid not null primary key, listener_id text not null,
                        event_type text not null, serialized_event text not null, publication_date timestamptz not null,
                        completion_date timestamptz, status text, completion_attempts int, last_resubmission_date timestamptz)
                    """);
        }
    }

    @AfterAll
    static void stopBridge() {
        bridge.stop();
    }

    @BeforeEach
    void pointAtTheBridge() {
        jdbc.sql("create schema if not exists ficus_cdc").update();
        jdbc.sql("create table if not exists ficus_cdc.heartbeat (id integer primary key, beat_at timestamp with time zone not null)")
                .update();
        original = (FenceProperties) ReflectionTestUtils.getField(fence, "properties");
        ReflectionTestUtils.setField(fence, "properties", new FenceProperties(URI.create(bridge.baseUrl()),
                original.coreConsumerGroup(), original.defaultTimeout(), original.maxTimeout(), original.minBackoff(),
                original.maxBackoff()));
    }

    @AfterEach
    void restore() {
        ReflectionTestUtils.setField(fence, "properties", original);
        bridge.resetAll();
    }

    /** A ticket row change as cdc-bridge publishes it. */
    static String rowChange(UUID ticket, String title, long lsn) {
        return """
            {"before":null,
             "after":{"tkt_id":"%s","prj_id":"%s","phs_id":null,"tkt_title":"%s","tkt_desc":null,
                      "tkt_due_ts":null,"tkt_assignees":null,"tkt_crt_ts":1764576000123456,
                      "tkt_upd_ts":1764576000123456,"tkt_del_flg":"N"},
             "source":{"connector":"postgresql","name":"legacy","ts_ms":1764576000200,"snapshot":"false","db":"legacy",
                       "schema":"public","table":"tkt_ticket","txId":%d,"lsn":%d},
             "op":"u","ts_ms":1764576000300}
            """.formatted(ticket, UUID.randomUUID(), title, lsn % 1_000_000, lsn);
    }

    Instant fenceRow() {
        return jdbc.sql("select beat_at from ficus_cdc.heartbeat where id = 2").query(OffsetDateTime.class).optional()
                .map(OffsetDateTime::toInstant).orElse(Instant.EPOCH);
    }

    /**
     * Plays cdc-bridge: once a fence row newer than {@code after} is committed, publishes
     * {@code change} (committed before the fence row, so in an earlier batch) and only then reports the fence row.
     */
    CompletableFuture<Void> bridgePublishes(Instant after, UUID ticket, String change) {
        return CompletableFuture.runAsync(() -> {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10)).until(() -> fenceRow().isAfter(after));
            try {
                kafka.send(topics.legacyCdc("tkt_ticket"), "{\"tkt_id\":\"" + ticket + "\"}", change).get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            bridge.stubFor(get(urlEqualTo("/ficus/position")).willReturn(aResponse().withHeader("Content-Type", "application/json")
                    .withBody("{\"heartbeats\":{\"1\":{\"value\":\"2020-01-01T00:00:00Z\",\"lsn\":1,\"txId\":1},"
                            + "\"2\":{\"value\":\"" + fenceRow() + "\",\"lsn\":5,\"txId\":6}}}")));
        });
    }

    /** Plays the core: consumes ticketing.legacy-changes in the core's group, committing after each "applied" poll. */
    final class Core implements AutoCloseable {
        final Set<String> applied = ConcurrentHashMap.newKeySet();
        volatile boolean running = true;
        final Thread thread = new Thread(() -> {
            try (var consumer = new KafkaConsumer<String, String>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfra.kafka().bootstrapServers(),
                    ConsumerConfig.GROUP_ID_CONFIG, original.coreConsumerGroup(),
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
                consumer.subscribe(List.of(topics.legacyChanges()));
                while (running) {
                    var records = consumer.poll(Duration.ofMillis(50));
                    records.forEach(r -> applied.add(r.key()));
                    if (!records.isEmpty()) {
                        consumer.commitSync();
                    }
                }
            }
        }, "fence-test-core");

        Core start() {
            thread.start();
            return this;
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.join(10_000);
        }
    }

    @Test
    void aLegacyToCoreFenceReturnsOnlyAfterALegacyChangeWrittenBeforeItWasAppliedByTheCore() throws Exception {
        try (Core core = new Core().start()) {
            UUID ticket = UUID.randomUUID();
            var published = bridgePublishes(fenceRow(), ticket, rowChange(ticket, "written just before the fence", 7_000_001));

            FenceResult result = fence.await(Direction.LEGACY_TO_CORE, Duration.ofSeconds(30));

            assertThat(core.applied).as("applied by the core when the fence returned").contains(ticket.toString());
            assertThat(published).isDone();
            assertThat(result.direction()).isEqualTo(Direction.LEGACY_TO_CORE);
            assertThat(result.stages()).extracting(FenceResult.Stage::name)
                    .containsExactly("legacy-fence-row", "cdc-bridge", "adapter-inbound", "core-apply");
            assertThat(result.waitedMillis()).isGreaterThanOrEqualTo(result.stages().stream().mapToLong(FenceResult.Stage::millis).max().orElse(0));
            assertThat(meters.get("ficus.adapter.fence").tag("direction", "LEGACY_TO_CORE").tag("outcome", "ok").timer().count())
                    .isPositive();
        }
    }

    @Test
    void aFenceWhoseCoreDoesNotProgressTimesOutWith504NamingTheStage() throws Exception {
        UUID ticket = UUID.randomUUID();
        bridgePublishes(fenceRow(), ticket, rowChange(ticket, "never applied", 7_000_002));
        MockMvc http = MockMvcBuilders.standaloneSetup(controller).build();

        http.perform(post("/ficus/api/sync/fence").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"direction\":\"LEGACY_TO_CORE\",\"timeout\":\"PT10S\"}"))
                .andExpect(status().isGatewayTimeout())
                .andExpect(jsonPath("$.status").value(504))
                .andExpect(jsonPath("$.stage").value("core-apply"))
                .andExpect(jsonPath("$.stages[*].name").value(org.hamcrest.Matchers.contains("legacy-fence-row", "cdc-bridge",
                        "adapter-inbound")));
        assertThat(meters.get("ficus.adapter.fence").tag("direction", "LEGACY_TO_CORE").tag("outcome", "timeout").timer().count())
                .isPositive();

        try (Core core = new Core().start()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> core.applied.contains(ticket.toString()));
        }
    }

    @Test
    void aFenceTimesOutAtTheBridgeWhileTheBridgeHasNotPublishedTheFenceRow() throws Exception {
        bridge.stubFor(get(urlEqualTo("/ficus/position")).willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody("{\"heartbeats\":{\"2\":{\"value\":\"2020-01-01T00:00:00Z\",\"lsn\":5,\"txId\":6}}}")));
        MockMvc http = MockMvcBuilders.standaloneSetup(controller).build();

        http.perform(post("/ficus/api/sync/fence").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"direction\":\"LEGACY_TO_CORE\",\"timeout\":500}"))
                .andExpect(status().isGatewayTimeout())
                .andExpect(jsonPath("$.stage").value("cdc-bridge"));
    }

    @Test
    void aCoreToLegacyFenceReturnsOnlyAfterACoreEventPublishedBeforeItIsWrittenIntoTheLegacy() throws Exception {
        UUID ticket = UUID.randomUUID();
        UUID publication = UUID.randomUUID();
        var event = new CoreEvent(UUID.randomUUID(), EntityType.TICKET, ticket, 1, ChangeKind.UPSERTED, Instant.now(), null,
                new TicketState(ticket, UUID.randomUUID(), UUID.randomUUID(), "made in the core just before", null, null,
                        LocalDateTime.of(2026, 1, 1, 0, 0), List.of()));
        coreSql("insert into event_publication (id, listener_id, event_type, serialized_event, publication_date) "
                + "values ('" + publication + "', 'externalizer', 'io.ficus.contracts.CoreEvent', '{}', now())");

        var fenced = CompletableFuture.supplyAsync(() -> fence.await(Direction.CORE_TO_LEGACY, Duration.ofSeconds(30)));
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !fenced.isDone());

        // The core's externalizer: the event reaches Kafka, then its publication completes.
        kafka.send(topics.coreEvents(), ticket.toString(), json.writeValueAsString(event)).get(10, TimeUnit.SECONDS);
        coreSql("update event_publication set completion_date = now() where id = '" + publication + "'");

        FenceResult result = fenced.get(30, TimeUnit.SECONDS);
        assertThat(jdbc.sql("select tkt_title from public.tkt_ticket where tkt_id = ?").param(ticket.toString())
                .query(String.class).optional()).as("written into the legacy when the fence returned")
                .contains("made in the core just before");
        assertThat(result.stages()).extracting(FenceResult.Stage::name).containsExactly("core-publications", "adapter-outbound");
    }

    @Test
    void aCoreToLegacyFenceWaitsUntilTheCoresOutboxSentTheEventsCommittedBeforeIt() throws Exception {
        coreSql("""
                create table if not exists core_event_outbox (id bigint generated always as identity primary key,
                    message_key text not null, payload text not null, created_at timestamptz not null default clock_timestamp())
                """);
        UUID ticket = UUID.randomUUID();
        var event = new CoreEvent(UUID.randomUUID(), EntityType.TICKET, ticket, 1, ChangeKind.UPSERTED, Instant.now(), null,
                new TicketState(ticket, UUID.randomUUID(), UUID.randomUUID(), "waiting in the core's outbox", null, null,
                        LocalDateTime.of(2026, 1, 1, 0, 0), List.of()));
        coreSql("insert into core_event_outbox (message_key, payload) values ('" + ticket + "', '{}')");

        var fenced = CompletableFuture.supplyAsync(() -> fence.await(Direction.CORE_TO_LEGACY, Duration.ofSeconds(30)));
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !fenced.isDone());

        // The core's sender: the event reaches Kafka, then its outbox row is deleted.
        kafka.send(topics.coreEvents(), ticket.toString(), json.writeValueAsString(event)).get(10, TimeUnit.SECONDS);
        coreSql("delete from core_event_outbox where message_key = '" + ticket + "'");

        FenceResult result = fenced.get(30, TimeUnit.SECONDS);
        assertThat(jdbc.sql("select tkt_title from public.tkt_ticket where tkt_id = ?").param(ticket.toString())
                .query(String.class).optional()).as("written into the legacy when the fence returned")
                .contains("waiting in the core's outbox");
        assertThat(result.stages()).extracting(FenceResult.Stage::name).containsExactly("core-publications", "adapter-outbound");
    }

    @Test
    void refusesARequestItCannotReadWith400() throws Exception {
        MockMvc http = MockMvcBuilders.standaloneSetup(controller).build();
        Instant before = fenceRow();
        http.perform(post("/ficus/api/sync/fence").contentType(MediaType.APPLICATION_JSON).content("{\"direction\":\"SIDEWAYS\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.message").value("direction must be LEGACY_TO_CORE or CORE_TO_LEGACY"));
        http.perform(post("/ficus/api/sync/fence").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"direction\":\"LEGACY_TO_CORE\",\"timeout\":\"soon\"}"))
                .andExpect(status().isBadRequest());
        http.perform(post("/ficus/api/sync/fence").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"direction\":\"LEGACY_TO_CORE\",\"timeout\":-5}"))
                .andExpect(status().isBadRequest());
        http.perform(post("/ficus/api/sync/fence").contentType(MediaType.APPLICATION_JSON).content("not json"))
                .andExpect(status().isBadRequest());
        assertThat(fenceRow()).as("nothing written").isEqualTo(before);
    }

    @Test
    void capsTheTimeoutARequestAsksFor() {
        assertThat(fence.timeout(Duration.ofHours(1))).isEqualTo(original.maxTimeout());
        assertThat(fence.timeout(null)).isEqualTo(original.defaultTimeout());
        assertThat(fence.timeout(Duration.ofMillis(1500))).isEqualTo(Duration.ofMillis(1500));
    }

    static void coreSql(String sql) throws Exception {
        try (var c = DriverManager.getConnection(core.jdbcUrl(), core.username(), core.password()); var s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
