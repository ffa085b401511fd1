package io.ficus.adapter;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * What happens when a record cannot be handled: retried with backoff for about a minute
 * (Kafka or the database may be briefly away), then logged by its coordinates only — never
 * its value, which may hold a password hash — and skipped; reconciliation reports and
 * repairs the entity it concerned.
 */
@Configuration(proxyBeanMethods = false)
class KafkaErrorHandling {

    private static final Logger log = LoggerFactory.getLogger(KafkaErrorHandling.class);

    @Bean
    DefaultErrorHandler kafkaErrorHandler() {
        var backOff = new ExponentialBackOff(100, 2.0);
        backOff.setMaxInterval(5_000);
        backOff.setMaxElapsedTime(60_000);
        return new DefaultErrorHandler((ConsumerRecord<?, ?> record, Exception e) -> log.error(
                "Giving up on {}-{}@{} (key {}): {}", record.topic(), record.partition(), record.offset(), record.key(),
                rootMessage(e)), backOff);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
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
