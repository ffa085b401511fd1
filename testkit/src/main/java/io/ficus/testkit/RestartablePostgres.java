package io.ficus.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An embedded PostgreSQL server of a test's own that the test can stop and start again, on the same port and data
 * directory (a fast shutdown: open connections are cut, as in an outage), so that clients reconnect to it with their
 * data intact.
 */
public final class RestartablePostgres implements PostgresServer {

    private final Path directory;
    private final int port;
    private EmbeddedPostgresServer server;

    private RestartablePostgres(Path directory, int port) {
        this.directory = directory;
        this.port = port;
    }

    /** Starts a server on a fresh temporary data directory and a free port. */
    public static RestartablePostgres start() {
        try {
            var postgres = new RestartablePostgres(Files.createTempDirectory("ficus-restartable-pg-").resolve("data"), FreePorts.one());
            postgres.restart();
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the server; clients get refused connections until {@link #restart()}. */
    public synchronized void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /** Starts the server again on the same port and data directory; does nothing while it runs. */
    public synchronized void restart() {
        if (server == null) {
            server = EmbeddedPostgresServer.start(directory, port);
        }
    }

    public synchronized boolean running() {
        return server != null;
    }

    @Override
    public String host() {
        return "localhost";
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public String username() {
        return "postgres";
    }

    @Override
    public String password() {
        return "postgres";
    }

    @Override
    public Database database(String name) {
        Jdbc.createDatabaseIfMissing(this, name);
        return new Database(name, host(), port(), username(), password());
    }

    /** Stops the server and deletes its data. */
    @Override
    public void close() {
        stop();
        Directories.deleteRecursively(directory.getParent());
    }
}
