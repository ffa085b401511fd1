package io.ficus.adapter.inbound;

import io.ficus.adapter.AdapterProperties;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

@Configuration(proxyBeanMethods = false)
class InboundConfiguration {

    /** The raw CDC topics this side reads: one per legacy table with a mapper. */
    @Bean
    String[] inboundTopics(AdapterProperties properties) {
        return InboundTranslator.MAPPERS.stream()
                .map(m -> properties.topics().legacyCdc(m.table()))
                .toArray(String[]::new);
    }

    /** The topics this side reads and writes exist before the listeners subscribe, whoever starts first. */
    @Bean
    KafkaAdmin.NewTopics adapterTopics(AdapterProperties properties) {
        var topics = properties.topics();
        short replicas = properties.topicReplicas();
        return new KafkaAdmin.NewTopics(java.util.stream.Stream.of(
                        InboundTranslator.MAPPERS.stream().map(m -> new NewTopic(topics.legacyCdc(m.table()), 1, replicas)),
                        // Partitioned by entity id, so the core applies changes of different entities in parallel.
                        java.util.stream.Stream.of(new NewTopic(topics.legacyChanges(), properties.legacyChangesPartitions(), replicas)),
                        java.util.stream.Stream.of(new NewTopic(topics.coreEvents(), 1, replicas)))
                .flatMap(s -> s)
                .toArray(NewTopic[]::new));
    }
}
