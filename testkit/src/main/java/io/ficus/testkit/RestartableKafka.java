package io.ficus.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An embedded Kafka broker of a test's own that the test can stop and start again, on the same port and log
 * directory, so that clients find it where they left it, with its topics, records and consumer group offsets.
 */
public final class RestartableKafka implements KafkaServer {

    private final Path directory;
    private final int port;
    private EmbeddedKafkaServer broker;

    private RestartableKafka(Path directory, int port) {
        this.directory = directory;
        this.port = port;
    }

    /** Starts a broker on a fresh temporary log directory and free ports. */
    public static RestartableKafka start() {
        try {
            var kafka = new RestartableKafka(Files.createTempDirectory("ficus-restartable-kafka-"), FreePorts.twoConsecutive());
            kafka.restart();
            return kafka;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the broker (a clean shutdown); its clients see it gone until {@link #restart()}. */
    public synchronized void stop() {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }

    /** Starts the broker again on the same port and log directory; does nothing while it runs. */
    public synchronized void restart() {
        if (broker == null) {
            broker = EmbeddedKafkaServer.start(directory, port);
        }
    }

    public synchronized boolean running() {
        return broker != null;
    }

    @Override
    public String bootstrapServers() {
        return "localhost:" + port;
    }

    /** Stops the server and deletes its data. */
    @Override
    public void close() {
        stop();
        Directories.deleteRecursively(directory);
    }
}
