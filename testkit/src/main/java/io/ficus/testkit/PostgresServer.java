package io.ficus.testkit;

/** A running PostgreSQL server with {@code wal_level=logical}. */
public interface PostgresServer extends AutoCloseable {

    String host();

    int port();

    /** A superuser (it may create databases, publications and replication slots). */
    String username();

    String password();

    default String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host() + ":" + port() + "/" + database;
    }

    /** Creates a database named {@code name} unless it exists, and describes it. */
    Database database(String name);

    @Override
    void close();
}
