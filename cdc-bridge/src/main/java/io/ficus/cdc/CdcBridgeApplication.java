package io.ficus.cdc;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Streams legacy database changes into Kafka. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CdcBridgeApplication {

    public static void main(String[] args) {
        SpringApplication.run(CdcBridgeApplication.class, args);
    }
}
