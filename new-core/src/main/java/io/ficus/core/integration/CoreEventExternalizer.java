package io.ficus.core.integration;

import io.ficus.contracts.CoreEvent;
import io.ficus.core.CoreProperties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends integration events to Kafka after their change committed. Completes the publication only
 * when the broker acknowledged the record; otherwise it fails and is resubmitted later.
 */
@Component
class CoreEventExternalizer {

    static final String EXECUTOR = "coreEventsExecutor";

    private final KafkaTemplate<String, String> kafka;
    private final JsonMapper json;
    private final String topic;

    CoreEventExternalizer(KafkaTemplate<String, String> kafka, JsonMapper json, CoreProperties properties) {
        this.kafka = kafka;
        this.json = json;
        this.topic = properties.topics().coreEvents();
    }

    @Async(EXECUTOR)
    @TransactionalEventListener
    void on(CoreEvent event) throws ExecutionException, InterruptedException, TimeoutException {
        kafka.send(topic, event.aggregateId().toString(), json.writeValueAsString(event)).get(10, TimeUnit.SECONDS);
    }

    @Bean(EXECUTOR)
    static ThreadPoolTaskExecutor coreEventsExecutor() {
        var executor = new ThreadPoolTaskExecutor();
        executor.setCorePoolSize(2);
        executor.setMaxPoolSize(2);
        executor.setThreadNamePrefix("core-events-");
        return executor;
    }

    /**
     * A failed send is logged by topic and partition only, never with its key and value: values
     * carry users' password hashes.
     */
    @Bean
    static org.springframework.kafka.support.LoggingProducerListener<Object, Object> kafkaProducerListener() {
        var listener = new org.springframework.kafka.support.LoggingProducerListener<Object, Object>();
        listener.setIncludeContents(false);
        return listener;
    }
}
