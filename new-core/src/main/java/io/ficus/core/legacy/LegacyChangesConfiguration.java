package io.ficus.core.legacy;

import io.ficus.core.CoreProperties;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

@Configuration(proxyBeanMethods = false)
class LegacyChangesConfiguration {

    private static final Logger log = LoggerFactory.getLogger(LegacyChangesConfiguration.class);

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
     * A change that cannot be applied is retried with backoff for {@code legacy-change-retry-for},
     * then logged by its coordinates only (never its value, which may hold a password hash) and
     * skipped.
     */
    @Bean
    DefaultErrorHandler kafkaErrorHandler(CoreProperties properties) {
        var backOff = new ExponentialBackOff(100, 2.0);
        backOff.setMaxInterval(5_000);
        backOff.setMaxElapsedTime(properties.legacyChangeRetryFor().toMillis());
        return new DefaultErrorHandler((ConsumerRecord<?, ?> record, Exception e) -> log.error(
                "Giving up on legacy change {}-{}@{} (key {}) after {}: {}; reconciliation reports its entity",
                record.topic(), record.partition(), record.offset(), record.key(), properties.legacyChangeRetryFor(),
                rootCause(e).getClass().getSimpleName()), backOff);
    }

    private static Throwable rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }
}
