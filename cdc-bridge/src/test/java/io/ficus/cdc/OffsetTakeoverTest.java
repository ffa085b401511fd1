package io.ficus.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ficus.contracts.Topics;
import io.ficus.testkit.Database;
import io.ficus.testkit.TestInfra;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Offsets in the legacy database ({@code ficus.cdc.offset-storage=jdbc}): bridge A snapshots and streams, stops, and
 * bridge B, with another offset file (another host's disk) but the same offset table, takes over where A stopped:
 * no new snapshot, and the changes committed while no bridge ran arrive.
 */
class OffsetTakeoverTest {

    static final Database legacy = TestInfra.newDatabase("cdc_takeover");
    static final String prefix = TestInfra.newTopicPrefix();
    static final List<ConsumerRecord<String, String>> received = new CopyOnWriteArrayList<>();
    static KafkaConsumer<String, String> consumer;
    static volatile boolean consuming = true;
    static Thread poller;

    @BeforeAll
    static void subscribe() throws Exception {
        sql("create table tkt_ticket (tkt_id varchar(36) primary key, tkt_title varchar(200) not null)",
                "insert into tkt_ticket values ('before-a', 'snapshotted by A')");
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfra.kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, TestInfra.uniqueName("takeover"),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
        consumer.subscribe(List.of(new Topics(prefix).legacyCdc("tkt_ticket")));
        poller = new Thread(() -> {
            while (consuming) {
                consumer.poll(Duration.ofMillis(50)).forEach(received::add);
            }
            consumer.close();
        }, "takeover-test-poller");
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

    /** A bridge instance with its own offset file path (never written) and the shared offset table. */
    static ConfigurableApplicationContext bridge(Path offsetFile) {
        return new SpringApplicationBuilder(CdcBridgeApplication.class).web(WebApplicationType.NONE).run(
                "--spring.kafka.bootstrap-servers=" + TestInfra.kafka().bootstrapServers(),
                "--ficus.cdc.database.host=" + legacy.host(),
                "--ficus.cdc.database.port=" + legacy.port(),
                "--ficus.cdc.database.name=" + legacy.name(),
                "--ficus.cdc.database.username=" + legacy.username(),
                "--ficus.cdc.database.password=" + legacy.password(),
                "--ficus.cdc.tables=tkt_ticket",
                "--ficus.cdc.slot-name=" + legacy.name(),
                "--ficus.cdc.publication-name=" + legacy.name(),
                "--ficus.cdc.topic-prefix=" + prefix,
                "--ficus.cdc.heartbeat-interval=500ms",
                "--ficus.cdc.offset-storage=jdbc",
                "--ficus.cdc.offset-file=" + offsetFile);
    }

    static List<String> valuesOf(String id) {
        return received.stream().filter(r -> r.key().contains("\"" + id + "\"")).map(ConsumerRecord::value).toList();
    }

    static long snapshotRecords() {
        return received.stream().filter(r -> r.value().contains("\"op\":\"r\"")).count();
    }

    @Test
    void aSecondBridgeTakesOverFromTheOffsetsInTheDatabaseWithoutANewSnapshotAndLosesNothing() throws Exception {
        Path fileA = Files.createTempDirectory("host-a").resolve("offsets.dat");
        Path fileB = Files.createTempDirectory("host-b").resolve("offsets.dat");

        try (var a = bridge(fileA)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> !valuesOf("before-a").isEmpty());
            sql("insert into tkt_ticket values ('streamed-by-a', 'while A runs')");
            await().atMost(Duration.ofSeconds(30)).until(() -> !valuesOf("streamed-by-a").isEmpty());
        }
        assertThat(valuesOf("before-a")).singleElement().asString().contains("\"op\":\"r\"");
        long snapshotted = snapshotRecords();

        sql("insert into tkt_ticket values ('while-none-runs', 'between A and B')",
                "update tkt_ticket set tkt_title = 'renamed between A and B' where tkt_id = 'before-a'");

        try (var b = bridge(fileB)) {
            sql("insert into tkt_ticket values ('streamed-by-b', 'after B started')");
            await().atMost(Duration.ofSeconds(60)).until(() -> !valuesOf("streamed-by-b").isEmpty());
        }
        assertThat(valuesOf("while-none-runs")).singleElement().asString().contains("\"op\":\"c\"");
        assertThat(valuesOf("before-a")).hasSize(2).last().asString().contains("\"op\":\"u\"").contains("renamed between A and B");
        assertThat(valuesOf("streamed-by-a")).as("A's last change, not published again by B").hasSize(1);
        assertThat(snapshotRecords()).as("records of a snapshot").isEqualTo(snapshotted);
        assertThat(fileA).doesNotExist();
        assertThat(fileB).doesNotExist();
        try (var c = DriverManager.getConnection(legacy.jdbcUrl(), legacy.username(), legacy.password());
             var rs = c.createStatement().executeQuery("select count(*) from ficus_cdc.cdc_offsets")) {
            rs.next();
            assertThat(rs.getLong(1)).as("offset rows").isPositive();
        }
    }
}
