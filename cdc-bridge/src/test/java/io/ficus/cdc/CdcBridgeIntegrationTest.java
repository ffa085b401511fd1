package io.ficus.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ficus.contracts.Topics;
import io.ficus.testkit.Database;
import io.ficus.testkit.TestInfra;
import java.nio.file.Files;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CdcBridgeIntegrationTest {

    static final Database legacy = TestInfra.newDatabase("cdc");
    static final String prefix = TestInfra.newTopicPrefix();
    static final List<ConsumerRecord<String, String>> received = new CopyOnWriteArrayList<>();
    static KafkaConsumer<String, String> consumer;
    static volatile boolean consuming = true;
    static Thread poller;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        sql("create table tkt_ticket (tkt_id varchar(36) primary key, tkt_title varchar(200) not null, tkt_crt_ts timestamp not null)",
                "insert into tkt_ticket values ('before-start', 'snapshotted', timestamp '2026-01-02 03:04:05')");
        registry.add("spring.kafka.bootstrap-servers", () -> TestInfra.kafka().bootstrapServers());
        registry.add("ficus.cdc.database.host", legacy::host);
        registry.add("ficus.cdc.database.port", legacy::port);
        registry.add("ficus.cdc.database.name", legacy::name);
        registry.add("ficus.cdc.database.username", legacy::username);
        registry.add("ficus.cdc.database.password", legacy::password);
        registry.add("ficus.cdc.tables", () -> "tkt_ticket");
        registry.add("ficus.cdc.slot-name", legacy::name);
        registry.add("ficus.cdc.publication-name", legacy::name);
        registry.add("ficus.cdc.topic-prefix", () -> prefix);
        registry.add("ficus.cdc.heartbeat-interval", () -> "500ms");
        registry.add("ficus.cdc.slot-check-interval", () -> "200ms");
        String offsets = Files.createTempDirectory("cdc").resolve("offsets.dat").toString();
        registry.add("ficus.cdc.offset-file", () -> offsets);
    }

    @BeforeAll
    static void subscribe() {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfra.kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, TestInfra.uniqueName("cdc-test"),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
        consumer.subscribe(List.of(new Topics(prefix).legacyCdc("tkt_ticket")));
        poller = new Thread(() -> {
            while (consuming) {
                consumer.poll(Duration.ofMillis(50)).forEach(received::add);
            }
            consumer.close();
        }, "cdc-test-poller");
        poller.start();
    }

    @AfterAll
    static void unsubscribe() throws InterruptedException {
        consuming = false;
        poller.join(5_000);
    }

    static void sql(String... statements) throws Exception {
        try (var c = DriverManager.getConnection(legacy.jdbcUrl(), legacy.username(), legacy.password());
             var s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    @org.springframework.beans.factory.annotation.Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    @Test
    void publishesSnapshotThenStreamedChangesKeyedByPrimaryKeyWithTheirSourcePosition() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> received.stream().anyMatch(r -> r.value().contains("\"snapshotted\"")));
        var snapshot = received.stream().filter(r -> r.value().contains("\"snapshotted\"")).findFirst().orElseThrow();
        assertThat(snapshot.key()).contains("\"tkt_id\":\"before-start\"");
        assertThat(snapshot.value()).contains("\"op\":\"r\"");
        // The snapshot gauges are registered when the bridge accounts for the batch, which may be after the consumer saw it.
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            assertThat(meters.get("ficus.cdc.snapshot.total").tag("table", "tkt_ticket").gauge().value()).isEqualTo(1.0);
            assertThat(meters.get("ficus.cdc.snapshot.rows").tag("table", "tkt_ticket").gauge().value()).isEqualTo(1.0);
        });

        sql("insert into tkt_ticket values ('streamed', 'inserted later', now())",
                "update tkt_ticket set tkt_title = 'renamed' where tkt_id = 'streamed'",
                "delete from tkt_ticket where tkt_id = 'streamed'");

        await().atMost(Duration.ofSeconds(30)).until(() -> received.stream().filter(r -> r.key().contains("\"streamed\"")).count() == 3);
        var streamed = received.stream().filter(r -> r.key().contains("\"streamed\"")).map(ConsumerRecord::value).toList();
        assertThat(streamed.get(0)).contains("\"op\":\"c\"").contains("\"lsn\":").contains("\"txId\":");
        assertThat(streamed.get(1)).contains("\"op\":\"u\"").contains("\"renamed\"");
        assertThat(streamed.get(2)).contains("\"op\":\"d\"").contains("\"after\":null");
        // The lag timer is recorded when the bridge accounts for the batch, which may be after the consumer saw it.
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .untilAsserted(() -> assertThat(meters.get("ficus.cdc.lag").timer().count()).isGreaterThanOrEqualTo(3));
    }

    @Test
    void reportsTheSlotAsConnectedWithItsRetainedWalInHealthAndMetrics() {
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            assertThat(meters.get("ficus.cdc.slot.connected").gauge().value()).isEqualTo(1.0);
            assertThat(meters.get("ficus.cdc.slot.retained").gauge().value()).isGreaterThanOrEqualTo(0.0);
        });
        var health = engine.health();
        assertThat(health.getDetails()).containsEntry("connected", true).containsKey("retainedWalBytes");
    }

    @org.springframework.beans.factory.annotation.Autowired
    CdcEngine engine;

    @org.springframework.boot.test.web.server.LocalServerPort
    int port;

    @Test
    void anonymousHealthShowsTheStatusOnlyWhileTheFiguresStayOnPrometheus() throws Exception {
        var http = io.ficus.testkit.TestHttp.to(port);
        var health = http.get("/actuator/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"").doesNotContain("components", "details", "offset", "path", "/tmp",
                "slot", legacy.host());
        var metrics = http.get("/actuator/prometheus");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("ficus_cdc_slot_connected");
    }

    @Test
    void heartbeatsAdvanceTheSlotWhileCapturedTablesAreQuiet() throws Exception {
        Database other = TestInfra.newDatabase("cdc_other");
        long walAfterOtherWrites;
        try (var c = DriverManager.getConnection(other.jdbcUrl(), other.username(), other.password()); var s = c.createStatement()) {
            s.execute("create table noise (id int primary key, payload text)");
            s.execute("insert into noise select g, repeat('x', 200) from generate_series(1, 5000) g");
            try (var rs = s.executeQuery("select (pg_current_wal_lsn() - '0/0')::bigint")) {
                rs.next();
                walAfterOtherWrites = rs.getLong(1);
            }
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            try (var c = DriverManager.getConnection(legacy.jdbcUrl(), legacy.username(), legacy.password());
                 var rs = c.createStatement().executeQuery("select (confirmed_flush_lsn - '0/0')::bigint from pg_replication_slots where slot_name = '"
                         + legacy.name() + "'")) {
                return rs.next() && rs.getLong(1) >= walAfterOtherWrites;
            }
        });
    }
}
