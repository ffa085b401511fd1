package io.ficus.testkit;

/** A running Kafka broker. */
public interface KafkaServer extends AutoCloseable {

    /** The {@code bootstrap.servers} value clients use. */
    String bootstrapServers();

    @Override
    void close();
}
