package io.ficus.core.integration;

import static org.assertj.core.api.Assertions.assertThat;

import io.ficus.core.CoreTest;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.ProducerListener;

/** A send that fails is logged without the record's value, which may hold a password hash. */
@ExtendWith(OutputCaptureExtension.class)
class ProducerFailureLoggingTest extends CoreTest {

    @Autowired
    ProducerListener<Object, Object> producerListener;
    @Autowired
    KafkaTemplate<String, String> kafka;

    @Test
    void aFailedSendIsLoggedWithoutItsKeyOrValue(CapturedOutput output) {
        assertThat(org.springframework.test.util.ReflectionTestUtils.getField(kafka, "producerListener")).as("the template's listener")
                .isSameAs(producerListener);
        String hash = "$2a$10$abcdefghijklmnopqrstuvABCDEFGHIJKLMNOPQRSTUVWXYZ01234";
        producerListener.onError(new ProducerRecord<>("ticketing.core-events", "key-1", "{\"passwordHash\":\"" + hash + "\"}"), null,
                new IllegalStateException("broker away"));

        assertThat(output.getAll()).contains("Exception thrown when sending a message").doesNotContain(hash).doesNotContain("key-1");
    }
}
