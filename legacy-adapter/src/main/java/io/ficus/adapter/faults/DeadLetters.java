package io.ficus.adapter.faults;

import io.ficus.adapter.AdapterProperties;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.stereotype.Service;

/**
 * Reads the dead-letter topic (records set aside by legacy-adapter and by the new core) and
 * replays one of them: its original key and value, published again to its source topic, where
 * the consumer that set it aside reads it like any other record. Every consumer is idempotent,
 * so replaying a record twice changes nothing more than replaying it once.
 */
@Service
public class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    /**
     * One record set aside; its value is not shown (it may hold a password hash).
     *
     * @param id             {@code <partition>-<offset>} in the dead-letter topic
     * @param sourceTopic    where it was read
     * @param sourcePartition its partition there
     * @param sourceOffset   its offset there
     * @param key            its key (an entity or aggregate id)
     * @param error          what went wrong: exception classes and SQLSTATE, never values
     * @param firstFailure   when its partition first failed on it
     * @param lastFailure    when it was set aside
     * @param attempts       failed attempts
     * @param application    which application set it aside
     * @param consumerGroup  its consumer group
     * @param deadLetteredAt when the dead letter was written
     */
    public record DeadLetter(String id, String sourceTopic, Integer sourcePartition, Long sourceOffset, String key,
                             String error, String firstFailure, String lastFailure, Long attempts, String application,
                             String consumerGroup, Instant deadLetteredAt) {
    }

    /** Where a replayed record went. */
    public record Replayed(String id, String topic, int partition, long offset) {
    }

    private final ConsumerFactory<String, String> consumers;
    private final KafkaTemplate<String, String> kafka;
    private final String topic;

    DeadLetters(ConsumerFactory<String, String> consumers, KafkaTemplate<String, String> kafka, AdapterProperties properties) {
        this.consumers = consumers;
        this.kafka = kafka;
        this.topic = properties.topics().deadLetters();
    }

    /** The newest {@code limit} dead letters, oldest first. */
    public List<DeadLetter> list(int limit) {
        try (Consumer<String, String> consumer = consumer()) {
            var partitions = consumer.partitionsFor(topic, READ_TIMEOUT).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            var begin = consumer.beginningOffsets(partitions, READ_TIMEOUT);
            var end = consumer.endOffsets(partitions, READ_TIMEOUT);
            for (TopicPartition partition : partitions) {
                consumer.seek(partition, Math.max(begin.get(partition), end.get(partition) - limit));
            }
            List<DeadLetter> letters = new ArrayList<>();
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                for (var record : consumer.poll(POLL)) {
                    if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                        letters.add(letter(record));
                    }
                }
            }
            letters.sort(java.util.Comparator.comparing(DeadLetter::deadLetteredAt));
            return letters.size() > limit ? letters.subList(letters.size() - limit, letters.size()) : letters;
        }
    }

    /** The dead letter {@code id}, if there is one. */
    public Optional<DeadLetter> find(String id) {
        return read(id).map(DeadLetters::letter);
    }

    /** Publishes dead letter {@code id} again to its source topic; empty when there is no such dead letter. */
    public Optional<Replayed> replay(String id) throws ExecutionException, InterruptedException, TimeoutException {
        var found = read(id);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        var record = found.get();
        String source = text(record.headers(), KafkaHeaders.DLT_ORIGINAL_TOPIC);
        if (source == null) {
            throw new IllegalArgumentException("dead letter " + id + " does not name its source topic");
        }
        var sent = kafka.send(new ProducerRecord<>(source, record.key(), record.value()))
                .get(READ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).getRecordMetadata();
        log.info("Dead letter {} (from {}-{}@{}) replayed to {}-{}@{}", id, source,
                number(record.headers(), KafkaHeaders.DLT_ORIGINAL_PARTITION),
                number(record.headers(), KafkaHeaders.DLT_ORIGINAL_OFFSET), sent.topic(), sent.partition(), sent.offset());
        return Optional.of(new Replayed(id, sent.topic(), sent.partition(), sent.offset()));
    }

    /** {@code <partition>-<offset>}, or an IllegalArgumentException. */
    static TopicPartitionOffset parseId(String topic, String id) {
        var matcher = java.util.regex.Pattern.compile("(\\d{1,9})-(\\d{1,18})").matcher(id == null ? "" : id);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("a dead letter's id is <partition>-<offset>, e.g. 0-42");
        }
        return new TopicPartitionOffset(new TopicPartition(topic, Integer.parseInt(matcher.group(1))),
                Long.parseLong(matcher.group(2)));
    }

    record TopicPartitionOffset(TopicPartition partition, long offset) {
    }

    private Optional<ConsumerRecord<String, String>> read(String id) {
        var wanted = parseId(topic, id);
        try (Consumer<String, String> consumer = consumer()) {
            boolean exists = consumer.partitionsFor(topic, READ_TIMEOUT).stream()
                    .anyMatch(p -> p.partition() == wanted.partition().partition());
            if (!exists) {
                return Optional.empty();
            }
            consumer.assign(List.of(wanted.partition()));
            long end = consumer.endOffsets(List.of(wanted.partition()), READ_TIMEOUT).get(wanted.partition());
            long begin = consumer.beginningOffsets(List.of(wanted.partition()), READ_TIMEOUT).get(wanted.partition());
            if (wanted.offset() < begin || wanted.offset() >= end) {
                return Optional.empty();
            }
            consumer.seek(wanted.partition(), wanted.offset());
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                for (var record : consumer.poll(POLL)) {
                    if (record.offset() == wanted.offset()) {
                        return Optional.of(record);
                    }
                    if (record.offset() > wanted.offset()) {
                        return Optional.empty();
                    }
                }
            }
            throw new IllegalStateException("dead letter " + id + " could not be read within " + READ_TIMEOUT);
        }
    }

    private Consumer<String, String> consumer() {
        var overrides = new Properties();
        overrides.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        overrides.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "500");
        return consumers.createConsumer("ficus-dead-letters-reader", "dead-letters", null, overrides);
    }

    private static DeadLetter letter(ConsumerRecord<String, String> record) {
        Headers h = record.headers();
        return new DeadLetter(record.partition() + "-" + record.offset(), text(h, KafkaHeaders.DLT_ORIGINAL_TOPIC),
                (Integer) (number(h, KafkaHeaders.DLT_ORIGINAL_PARTITION) == null ? null
                        : number(h, KafkaHeaders.DLT_ORIGINAL_PARTITION).intValue()),
                number(h, KafkaHeaders.DLT_ORIGINAL_OFFSET), record.key(), text(h, KafkaErrorHandling.ERROR),
                text(h, KafkaErrorHandling.FIRST_FAILURE), text(h, KafkaErrorHandling.LAST_FAILURE),
                parseLong(text(h, KafkaErrorHandling.ATTEMPTS)), text(h, KafkaErrorHandling.APPLICATION),
                text(h, KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP), Instant.ofEpochMilli(record.timestamp()));
    }

    private static String text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Spring Kafka writes the original partition as 4 bytes and the offset as 8 (big-endian). */
    private static Long number(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        if (header == null) {
            return null;
        }
        var buffer = java.nio.ByteBuffer.wrap(header.value());
        return switch (header.value().length) {
            case 4 -> (long) buffer.getInt();
            case 8 -> buffer.getLong();
            default -> null;
        };
    }

    private static Long parseLong(String value) {
        try {
            return value == null ? null : Long.valueOf(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
