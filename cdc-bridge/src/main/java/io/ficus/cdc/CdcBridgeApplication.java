package io.ficus.cdc;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.support.LoggingProducerListener;

/** Streams legacy database changes into Kafka. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CdcBridgeApplication {

    public static void main(String[] args) {
        SpringApplication.run(CdcBridgeApplication.class, args);
    }

    /**
     * A failed send is logged by topic and partition only, never with its key and value: the rows
     * of the users table carry password hashes.
     */
    @Bean
    static LoggingProducerListener<Object, Object> kafkaProducerListener() {
        var listener = new LoggingProducerListener<Object, Object>();
        listener.setIncludeContents(false);
        return listener;
    }
}
