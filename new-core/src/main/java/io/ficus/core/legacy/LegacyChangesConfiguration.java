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

    /** Created here too (with the same partitions as legacy-adapter does), whichever starts first. */
    @Bean
    org.apache.kafka.clients.admin.NewTopic legacyChangesTopic(CoreProperties properties) {
        return new org.apache.kafka.clients.admin.NewTopic(properties.topics().legacyChanges(),
                io.ficus.contracts.Topics.LEGACY_CHANGES_PARTITIONS, (short) 1);
    }
}
