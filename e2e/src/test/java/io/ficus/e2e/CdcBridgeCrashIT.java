package io.ficus.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ficus.contracts.Topics;
import io.ficus.sandbox.App;
import io.ficus.sandbox.Stack;
import io.ficus.sandbox.StackConfig;
import io.ficus.testkit.TestInfra;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * cdc-bridge killed with {@code kill -9} during its snapshot and during streaming, then
 * started again: every committed legacy row change still reaches Kafka, and the duplicates
 * are bounded by what was in flight when it died.
 */
class CdcBridgeCrashIT {

    private static final Logger log = LoggerFactory.getLogger(CdcBridgeCrashIT.class);
    static final int SNAPSHOT_ROWS = 20_000;

    static Stack stack;
    static StackConfig config;
    static KafkaConsumer<String, String> consumer;
    static final Map<String, Integer> seen = new ConcurrentHashMap<>();
    static final AtomicInteger received = new AtomicInteger();

    @BeforeAll
    static void startLegacyOnly() throws Exception {
        config = RunningStack.config("crash");
        // legacy-app creates the legacy schema; the bridge is started by the tests.
        stack = Stack.start(config, EnumSet.of(App.LEGACY_APP));
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafka(),
                ConsumerConfig.GROUP_ID_CONFIG, TestInfra.uniqueName("crash"),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
        consumer.subscribe(List.of(new Topics(config.topicPrefix()).legacyCdc("tkt_ticket")));
    }

    @AfterAll
    static void stop() {
        consumer.close();
        stack.close();
    }

    static Connection legacy() throws Exception {
        var db = config.legacyDb();
        return DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
    }

    static void insertTickets(Connection c, String prefix, int count) throws Exception {
        try (var insert = c.prepareStatement("insert into tkt_ticket (tkt_id, prj_id, tkt_title, tkt_crt_ts, tkt_upd_ts, tkt_del_flg) values (?, ?, ?, ?, ?, 'N')")) {
            var now = Timestamp.valueOf(LocalDateTime.now());
            for (int i = 0; i < count; i++) {
                insert.setString(1, UUID.randomUUID().toString());
                insert.setString(2, prefix);
                insert.setString(3, prefix + "-" + i);
                insert.setTimestamp(4, now);
                insert.setTimestamp(5, now);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** Reads everything published so far, counting how often each row change (key and title) arrived. */
    static void drain() {
        consumer.poll(Duration.ofMillis(100)).forEach(r -> {
            received.incrementAndGet();
            int titleAt = r.value().indexOf("\"tkt_title\":\"");
            String title = r.value().substring(titleAt + 13, r.value().indexOf('"', titleAt + 13));
            seen.merge(r.key() + "/" + title, 1, Integer::sum);
        });
    }

    static long distinctWithPrefix(String prefix) {
        return seen.keySet().stream().filter(k -> k.contains("/" + prefix + "-")).count();
    }

    @Test
    void snapshotAndStreamSurviveKillNine() throws Exception {
        try (Connection c = legacy()) {
            insertTickets(c, "snap", SNAPSHOT_ROWS);
        }
        // Snapshot: kill the bridge once part of the table is published, then start it again.
        stack.launch(App.CDC_BRIDGE);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(5)).until(() -> {
            drain();
            return distinctWithPrefix("snap") > SNAPSHOT_ROWS / 10;
        });
        stack.kill(App.CDC_BRIDGE);
        long beforeRestart = distinctWithPrefix("snap");
        stack.launch(App.CDC_BRIDGE);
        await().atMost(Duration.ofSeconds(180)).until(() -> {
            drain();
            return distinctWithPrefix("snap") == SNAPSHOT_ROWS;
        });
        int snapshotDuplicates = received.get() - SNAPSHOT_ROWS;
        log.info("Snapshot killed after {} of {} rows had arrived: all {} arrived after restart, {} duplicates",
                beforeRestart, SNAPSHOT_ROWS, SNAPSHOT_ROWS, snapshotDuplicates);

        // Streaming: keep writing in small transactions, kill the bridge mid-stream, start it again.
        var writing = new AtomicBoolean(true);
        var written = new AtomicInteger();
        var writer = new Thread(() -> {
            try (Connection c = legacy()) {
                while (writing.get()) {
                    insertTickets(c, "stream", 1);
                    written.incrementAndGet();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "crash-test-writer");
        int receivedBeforeStream = received.get();
        writer.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            drain();
            return distinctWithPrefix("stream") > 200;
        });
        stack.kill(App.CDC_BRIDGE);
        await().atMost(Duration.ofSeconds(30)).until(() -> written.get() > distinctWithPrefix("stream") + 200);
        stack.launch(App.CDC_BRIDGE);
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            drain();
            return distinctWithPrefix("stream") > 0;
        });
        writing.set(false);
        writer.join(10_000);
        int total = written.get();
        await().atMost(Duration.ofSeconds(120)).until(() -> {
            drain();
            return distinctWithPrefix("stream") == total;
        });
        int streamDuplicates = received.get() - receivedBeforeStream - total;
        log.info("Streaming killed mid-way: all {} changes arrived after restart, {} duplicates", total, streamDuplicates);
        Map<Integer, Long> histogram = new HashMap<>();
        seen.values().forEach(n -> histogram.merge(n, 1L, Long::sum));
        log.info("Deliveries per change: {}", histogram);
        assertThat(distinctWithPrefix("stream")).isEqualTo(total);
        assertThat(distinctWithPrefix("snap")).isEqualTo(SNAPSHOT_ROWS);
    }
}
