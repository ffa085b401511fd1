package io.ficus.core.legacy;

import io.ficus.core.CoreProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class LegacyChangesConfiguration {

    /** The topics {@link LegacyChangeListener} reads. */
    @Bean
    String[] legacyChangeTopics(CoreProperties properties) {
        return new String[] {properties.topics().legacyChanges()};
    }
}
