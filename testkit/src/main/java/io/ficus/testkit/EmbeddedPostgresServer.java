package io.ficus.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * PostgreSQL from zonky's embedded binaries, configured for logical decoding.
 *
 * <p>zonky's own JVM shutdown hook is disabled: it would stop the server while Spring is
 * still closing the applications that use it. Whoever starts the server stops it with
 * {@link #close()}.
 */
public final class EmbeddedPostgresServer implements PostgresServer {

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * Starts a server.
     *
     * @param dataDirectory where the cluster lives; kept (and reused) when given, a fresh
     *                      temporary directory when {@code null}
     * @param port          TCP port on localhost, 0 for any free one
     */
    public static EmbeddedPostgresServer start(Path dataDirectory, int port) {
        return start(dataDirectory, port, java.util.Map.of());
    }

    /**
     * Starts a server with some settings changed, for tests of what happens on a server
     * configured differently (for instance {@code wal_level=replica}).
     *
     * @param overrides server settings that replace the defaults above
     */
    public static EmbeddedPostgresServer start(Path dataDirectory, int port, java.util.Map<String, String> overrides) {
        try {
            var builder = EmbeddedPostgres.builder()
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("wal_level", "logical")
                    .setServerConfig("max_wal_senders", "20")
                    .setServerConfig("max_replication_slots", "20")
                    .setServerConfig("synchronous_commit", "on")
                    // Benchmarks read commit times (pg_xact_commit_timestamp) instead of polling.
                    .setServerConfig("track_commit_timestamp", "on")
                    .setServerConfig("max_connections", "400")
                    .setServerConfig("timezone", "UTC");
            overrides.forEach(builder::setServerConfig);
            if (dataDirectory != null) {
                builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
            }
            if (port > 0) {
                builder.setPort(port);
            }
            return new EmbeddedPostgresServer(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start: " + e.getMessage(), e);
        }
    }

    @Override
    public String host() {
        return "localhost";
    }

    @Override
    public int port() {
        return postgres.getPort();
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

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
