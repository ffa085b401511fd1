package io.ficus.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The Ficus gateway: the address clients keep calling while routes move from the legacy to the new core.
 *
 * <p>Unless {@code -Dreactor.netty.ioWorkerCount} says otherwise, the server and the proxy client share one
 * event loop per CPU core; Reactor Netty's own default of at least four loops only adds context switches on
 * the small hosts a gateway often gets (measured in gateway/README.md, "Performance").
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class GatewayApplication {

    /** Reactor Netty's system property for the number of event loop threads, read once when Reactor Netty loads. */
    static final String IO_WORKER_COUNT = "reactor.netty.ioWorkerCount";

    public static void main(String[] args) {
        if (System.getProperty(IO_WORKER_COUNT) == null) {
            System.setProperty(IO_WORKER_COUNT, Integer.toString(Runtime.getRuntime().availableProcessors()));
        }
        SpringApplication.run(GatewayApplication.class, args);
    }
}
