package io.ficus.testkit;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The same servers from Testcontainers, for machines with a Docker engine. Only loaded
 * when containers are chosen, so the Testcontainers jars are optional.
 */
final class ContainerServers {

    private ContainerServers() {
    }

    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable e) {
            return false;
        }
    }

    static PostgresServer postgres() {
        var container = new PostgreSQLContainer("postgres:17-alpine")
                .withUsername("postgres")
                .withPassword("postgres")
                .withCommand("postgres", "-c", "wal_level=logical", "-c", "track_commit_timestamp=on", "-c", "max_wal_senders=20",
                        "-c", "max_replication_slots=20", "-c", "synchronous_commit=on",
                        "-c", "max_connections=400", "-c", "timezone=UTC");
        container.start();
        return new PostgresServer() {
            @Override
            public String host() {
                return container.getHost();
            }

            @Override
            public int port() {
                return container.getMappedPort(5432);
            }

            @Override
            public String username() {
                return container.getUsername();
            }

            @Override
            public String password() {
                return container.getPassword();
            }

            @Override
            public Database database(String name) {
                Jdbc.createDatabaseIfMissing(this, name);
                return new Database(name, host(), port(), username(), password());
            }

            @Override
            public void close() {
                container.stop();
            }
        };
    }

    static KafkaServer kafka() {
        var container = new KafkaContainer("apache/kafka:4.1.2");
        container.start();
        return new KafkaServer() {
            @Override
            public String bootstrapServers() {
                return container.getBootstrapServers();
            }

            @Override
            public void close() {
                container.stop();
            }
        };
    }
}
