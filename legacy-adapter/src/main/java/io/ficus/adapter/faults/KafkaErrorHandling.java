package io.ficus.adapter.faults;

import io.ficus.adapter.AdapterProperties;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
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

/**
 * What happens when a record cannot be handled (both listeners of this application): a transient
 * failure is retried without a limit, with exponential backoff up to
 * {@code ficus.adapter.retry-max-backoff}, while its partition waits ({@link ConsumerRetries});
 * a {@link PoisonRecordException} is set aside at once on the dead-letter topic with its
 * coordinates, and the partition moves on. A dead letter that cannot be published (Kafka away)
 * is not skipped: the record is tried again.
 */
@Configuration(proxyBeanMethods = false)
class KafkaErrorHandling {

    /** Header: what went wrong ({@link SyncFailures#describe}: classes and SQLSTATE, never values). */
    static final String ERROR = "ficus-dlt-error";
    /** Header: when the record's partition first failed on it (ISO-8601). */
    static final String FIRST_FAILURE = "ficus-dlt-first-failure";
    /** Header: when it failed the last time, and was set aside (ISO-8601). */
    static final String LAST_FAILURE = "ficus-dlt-last-failure";
    /** Header: the failed attempts. */
    static final String ATTEMPTS = "ficus-dlt-attempts";
    /** Header: the application that set it aside. */
    static final String APPLICATION = "ficus-dlt-application";

    @Bean
    DefaultErrorHandler kafkaErrorHandler(KafkaOperations<String, String> kafka, AdapterProperties properties,
                                          ConsumerRetries retries) {
        String deadLetters = properties.topics().deadLetters();
        var publisher = new DeadLetterPublishingRecoverer(kafka, (record, e) -> new TopicPartition(deadLetters, -1));
        // Exception messages of parsers and constraints quote values (a password hash): not kept.
        publisher.excludeHeader(HeadersToAdd.EX_MSG, HeadersToAdd.EX_STACKTRACE);
        publisher.setHeadersFunction((record, e) -> {
            var headers = new RecordHeaders();
            headers.add(ERROR, bytes(SyncFailures.describe(e)));
            headers.add(FIRST_FAILURE, bytes(retries.firstFailure(record).toString()));
            headers.add(LAST_FAILURE, bytes(java.time.Instant.now().toString()));
            headers.add(ATTEMPTS, bytes(Long.toString(retries.attempts(record))));
            headers.add(APPLICATION, bytes("legacy-adapter"));
            return headers;
        });
        ConsumerAwareRecordRecoverer recoverer = (record, consumer, e) -> {
            publisher.accept(record, consumer, e);
            retries.deadLettered(record, e);
        };
        var backOff = new ExponentialBackOff(properties.retryInitialBackoff().toMillis(), 2.0);
        backOff.setMaxInterval(properties.retryMaxBackoff().toMillis());
        var handler = new DefaultErrorHandler(recoverer, backOff);
        handler.setClassifications(Map.of(PoisonRecordException.class, false), true);
        handler.setRetryListeners(retries);
        return handler;
    }

    /**
     * Both listeners commit a handled poll's offsets without waiting for Kafka's answer, unless
     * {@code ficus.adapter.async-offset-commits} is false.
     */
    @Bean
    ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> offsetCommits(AdapterProperties properties) {
        return container -> container.getContainerProperties().setSyncCommits(!properties.asyncOffsetCommits());
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    /** The dead-letter topic: one partition, so that it lists in the order records were set aside. */
    @Bean
    NewTopic deadLettersTopic(AdapterProperties properties) {
        return new NewTopic(properties.topics().deadLetters(), 1, properties.topicReplicas());
    }

    /**
     * A failed send is logged by topic and partition only, never with its key and value: values
     * carry users' password hashes.
     */
    @Bean
    org.springframework.kafka.support.LoggingProducerListener<Object, Object> kafkaProducerListener() {
        var listener = new org.springframework.kafka.support.LoggingProducerListener<Object, Object>();
        listener.setIncludeContents(false);
        return listener;
    }
}
