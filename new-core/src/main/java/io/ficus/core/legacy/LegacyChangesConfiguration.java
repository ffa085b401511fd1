package io.ficus.core.legacy;

import io.ficus.core.CoreProperties;
import org.apache.kafka.clients.admin.NewTopic;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ConsumerAwareRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer.HeaderNames.HeadersToAdd;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

@Configuration(proxyBeanMethods = false)
class LegacyChangesConfiguration {

    /** Offsets committed without waiting for Kafka's answer, unless {@code ficus.core.async-offset-commits} is false. */
    @Bean
    ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> offsetCommits(CoreProperties properties) {
        return container -> container.getContainerProperties().setSyncCommits(!properties.asyncOffsetCommits());
    }

    /** The topics {@link LegacyChangeListener} reads. */
    @Bean
    String[] legacyChangeTopics(CoreProperties properties) {
        return new String[] {properties.topics().legacyChanges()};
    }

    /** How many consumers {@link LegacyChangeListener} runs: one per partition. */
    @Bean
    String legacyChangeConsumers(CoreProperties properties) {
        return Integer.toString(properties.legacyChangesPartitions());
    }

    /** Created here too (as legacy-adapter does), whichever starts first; raised to more partitions when configured. */
    @Bean
    NewTopic legacyChangesTopic(CoreProperties properties) {
        return new NewTopic(properties.topics().legacyChanges(), properties.legacyChangesPartitions(), properties.topicReplicas());
    }

    /**
     * A change that fails for a transient reason (the core's database away, a lost connection, a
     * lock timeout) is retried without a limit, with exponential backoff up to
     * {@code legacy-change-max-backoff}, while its partition waits ({@link ConsumerRetries});
     * a change that can never be applied ({@link PoisonRecordException}) is set aside at once on
     * the dead-letter topic with its coordinates (never logged with its value, which may hold a
     * password hash), and the partition moves on. A dead letter Kafka does not take is not
     * skipped: the change is tried again.
     */
    @Bean
    DefaultErrorHandler kafkaErrorHandler(CoreProperties properties, KafkaOperations<String, String> kafka,
                                          ConsumerRetries retries) {
        String deadLetters = properties.topics().deadLetters();
        var publisher = new DeadLetterPublishingRecoverer(kafka, (record, e) -> new TopicPartition(deadLetters, -1));
        // Exception messages of parsers and constraints quote values (a password hash): not kept.
        publisher.excludeHeader(HeadersToAdd.EX_MSG, HeadersToAdd.EX_STACKTRACE);
        publisher.setHeadersFunction((record, e) -> {
            var headers = new RecordHeaders();
            headers.add("ficus-dlt-error", bytes(SyncFailures.describe(e)));
            headers.add("ficus-dlt-first-failure", bytes(retries.firstFailure(record).toString()));
            headers.add("ficus-dlt-last-failure", bytes(java.time.Instant.now().toString()));
            headers.add("ficus-dlt-attempts", bytes(Long.toString(retries.attempts(record))));
            headers.add("ficus-dlt-application", bytes("new-core"));
            return headers;
        });
        ConsumerAwareRecordRecoverer recoverer = (record, consumer, e) -> {
            publisher.accept(record, consumer, e);
            retries.deadLettered(record, e);
        };
        var backOff = new ExponentialBackOff(100, 2.0);
        backOff.setMaxInterval(Math.max(100, properties.legacyChangeMaxBackoff().toMillis()));
        var handler = new DefaultErrorHandler(recoverer, backOff);
        handler.setClassifications(Map.of(PoisonRecordException.class, false), true);
        handler.setRetryListeners(retries);
        return handler;
    }

    /** Created here too (as legacy-adapter does), whichever starts first; one partition, listed in order. */
    @Bean
    NewTopic deadLettersTopic(CoreProperties properties) {
        return new NewTopic(properties.topics().deadLetters(), 1, properties.topicReplicas());
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
