package io.ficus.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class TestInfraTest {

    @Test
    void postgresHasLogicalDecodingAndSeparateDatabases() throws Exception {
        Database one = TestInfra.newDatabase("one");
        Database two = TestInfra.newDatabase("two");
        assertThat(one.name()).isNotEqualTo(two.name());
        try (var c = DriverManager.getConnection(one.jdbcUrl(), one.username(), one.password());
             var rs = c.createStatement().executeQuery("select current_setting('wal_level'), current_setting('synchronous_commit'), current_database()")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("logical");
            assertThat(rs.getString(2)).isEqualTo("on");
            assertThat(rs.getString(3)).isEqualTo(one.name());
        }
    }

    @Test
    void kafkaDeliversAProducedRecord() throws Exception {
        String topic = TestInfra.newTopicPrefix() + "probe";
        String bootstrap = TestInfra.kafka().bootstrapServers();
        try (var producer = new KafkaProducer<String, String>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            producer.send(new ProducerRecord<>(topic, "k", "hello")).get();
        }
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, TestInfra.uniqueName("g"),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            consumer.subscribe(List.of(topic));
            String value = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (value == null && System.nanoTime() < deadline) {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    value = record.value();
                }
            }
            assertThat(value).isEqualTo("hello");
        }
    }

    @Test
    void refusesAnUnknownMode() {
        System.setProperty(TestInfra.MODE_VARIABLE, "docker");
        try {
            org.assertj.core.api.Assertions.assertThatThrownBy(TestInfra::mode)
                    .hasMessageContaining("embedded, containers or auto");
        } finally {
            System.clearProperty(TestInfra.MODE_VARIABLE);
        }
    }
}
