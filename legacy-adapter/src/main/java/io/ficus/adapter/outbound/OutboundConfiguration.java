package io.ficus.adapter.outbound;

import io.ficus.adapter.AdapterProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class OutboundConfiguration {

    /** The topics {@link CoreEventListener} reads. */
    @Bean
    String[] outboundTopics(AdapterProperties properties) {
        return new String[] {properties.topics().coreEvents()};
    }
}
