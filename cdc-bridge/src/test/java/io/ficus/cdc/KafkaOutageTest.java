package io.ficus.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ficus.contracts.Topics;
import io.ficus.testkit.Database;
import io.ficus.testkit.EmbeddedKafkaServer;
import io.ficus.testkit.TestInfra;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The bridge on a Kafka broker of its own, which the test stops and starts again on the same
 * port and log directory: an outage longer than the producer's delivery timeout stops the engine,
 * which is restarted with backoff until Kafka is back, and no change is lost.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
// Closed after the class: its bridge would go on restarting against the broker the class stopped.
@org.springframework.test.annotation.DirtiesContext
class KafkaOutageTest {

    static final Database legacy = TestInfra.newDatabase("cdc_outage");
    static final Path kafkaDir;
    static final int kafkaPort;
    static EmbeddedKafkaServer kafka;

    static {
        try {
            kafkaDir = Files.createTempDirectory("ficus-outage-kafka-");
            kafkaPort = twoFreePorts();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        kafka = EmbeddedKafkaServer.start(kafkaDir, kafkaPort);
    }

    /** A free port whose successor is free too (the broker's client and controller ports). */
    static int twoFreePorts() throws Exception {
        var random = new java.util.Random();
        for (int i = 0; i < 100; i++) {
            int port = 20_000 + random.nextInt(40_000);
            try (var a = new ServerSocket(port); var b = new ServerSocket(port + 1)) {
                return port;
            } catch (java.io.IOException taken) {
                // try another
            }
        }
        throw new IllegalStateException("no two consecutive free ports");
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        sql("create table tkt_ticket (tkt_id varchar(36) primary key, tkt_title varchar(200) not null)");
        registry.add("spring.kafka.bootstrap-servers", () -> kafka.bootstrapServers());
        // Fail fast while Kafka is away, so the engine stops and is restarted within the test's time.
        registry.add("spring.kafka.producer.properties.delivery.timeout.ms", () -> "4000");
        registry.add("spring.kafka.producer.properties.request.timeout.ms", () -> "2000");
        registry.add("spring.kafka.producer.properties.max.block.ms", () -> "2000");
        registry.add("ficus.cdc.database.host", legacy::host);
        registry.add("ficus.cdc.database.port", legacy::port);
        registry.add("ficus.cdc.database.name", legacy::name);
        registry.add("ficus.cdc.database.username", legacy::username);
        registry.add("ficus.cdc.database.password", legacy::password);
        registry.add("ficus.cdc.tables", () -> "tkt_ticket");
        registry.add("ficus.cdc.slot-name", legacy::name);
        registry.add("ficus.cdc.publication-name", legacy::name);
        registry.add("ficus.cdc.heartbeat-interval", () -> "500ms");
        registry.add("ficus.cdc.restart-initial-backoff", () -> "200ms");
        registry.add("ficus.cdc.restart-max-backoff", () -> "1s");
        String offsets = Files.createTempDirectory("cdc").resolve("offsets.dat").toString();
        registry.add("ficus.cdc.offset-file", () -> offsets);
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    static void sql(String... statements) throws Exception {
        try (var c = DriverManager.getConnection(legacy.jdbcUrl(), legacy.username(), legacy.password());
             var s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    @Autowired
    CdcEngine engine;
    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    Set<String> keysPublished() {
        Set<String> keys = ConcurrentHashMap.newKeySet();
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, TestInfra.uniqueName("outage"),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            consumer.subscribe(List.of(new Topics("").legacyCdc("tkt_ticket")));
            long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (System.nanoTime() < until) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> keys.add(r.key()));
            }
        }
        return keys;
    }

    @Test
    void anOutageOfKafkaLongerThanTheDeliveryTimeoutStopsTheEngineWhichRestartsUntilKafkaIsBackAndLosesNothing()
            throws Exception {
        sql("insert into tkt_ticket values ('before', 'before the outage')");
        await().atMost(Duration.ofSeconds(60)).until(() -> keysPublished().stream().anyMatch(k -> k.contains("before")));

        kafka.close();
        sql("insert into tkt_ticket values ('during-1', 'while Kafka is away')");
        double restartsBefore = meters.get("ficus.cdc.engine.restarts").counter().count();
        await().atMost(Duration.ofSeconds(60)).until(() -> meters.get("ficus.cdc.engine.restarts").counter().count() >= restartsBefore + 2);
        var health = engine.health();
        assertThat(health.getStatus().getCode()).isEqualTo("DOWN");
        assertThat(health.getDetails()).containsKey("waiting").containsKey("error");
        sql("insert into tkt_ticket values ('during-2', 'still away')");

        kafka = EmbeddedKafkaServer.start(kafkaDir, kafkaPort);
        sql("insert into tkt_ticket values ('after', 'after the outage')");
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(keysPublished())
                .anyMatch(k -> k.contains("during-1")).anyMatch(k -> k.contains("during-2")).anyMatch(k -> k.contains("after")));
        await().atMost(Duration.ofSeconds(30)).until(() -> engine.health().getStatus().getCode().equals("UP"));
        assertThat(meters.get("ficus.cdc.engine.running").gauge().value()).isEqualTo(1.0);
    }
}
