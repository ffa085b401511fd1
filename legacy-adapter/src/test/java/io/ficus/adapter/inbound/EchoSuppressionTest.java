package io.ficus.adapter.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ficus.adapter.AdapterIntegrationTest;
import io.ficus.adapter.sync.SyncMarks;
import io.ficus.contracts.Topics;
import io.ficus.testkit.TestInfra;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

class EchoSuppressionTest extends AdapterIntegrationTest {

    @Autowired
    KafkaTemplate<String, String> kafka;
    @Autowired
    SyncMarks marks;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transactions;

    /** A row change as cdc-bridge publishes it, from legacy transaction {@code xid}. */
    static String ticketChange(UUID id, long xid, long lsn) {
        return TicketRowMapperTest.insert("N", "null")
                .replace(TicketRowMapperTest.TICKET, id.toString())
                .replace("\"txId\":771", "\"txId\":" + xid)
                .replace("\"lsn\":24023928", "\"lsn\":" + lsn);
    }

    @Test
    void dropsChangesOfTransactionsTheAdapterWroteAndTranslatesAllOthers() throws Exception {
        long ownXid = transactions.execute(status -> {
            marks.markCurrentTransaction(UUID.randomUUID());
            return jdbc.sql("select txid_current() % 4294967296").query(Long.class).single();
        });
        UUID echoed = UUID.randomUUID();
        UUID genuine = UUID.randomUUID();
        var topics = new Topics(prefix);
        kafka.send(topics.legacyCdc("tkt_ticket"), echoed.toString(), ticketChange(echoed, ownXid, 500)).get();
        kafka.send(topics.legacyCdc("tkt_ticket"), genuine.toString(), ticketChange(genuine, ownXid + 1, 600)).get();

        List<String> keys = new CopyOnWriteArrayList<>();
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfra.kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, TestInfra.uniqueName("echo"),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            consumer.subscribe(List.of(topics.legacyChanges()));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(100)).forEach(r -> keys.add(r.key()));
                return keys.contains(genuine.toString());
            });
        }
        // The genuine change was sent after the echo on the same partition, so the echo was handled first.
        assertThat(keys).doesNotContain(echoed.toString());
    }
}
