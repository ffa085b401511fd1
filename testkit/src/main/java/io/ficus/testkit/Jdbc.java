package io.ficus.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** Small JDBC helpers shared by the server implementations. */
final class Jdbc {

    private Jdbc() {
    }

    static void createDatabaseIfMissing(PostgresServer server, String name) {
        if (!name.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("not a plain lower-case database name: " + name);
        }
        try (Connection c = DriverManager.getConnection(server.jdbcUrl("postgres"), server.username(), server.password());
             var exists = c.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, name);
            try (var rs = exists.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
            try (var create = c.createStatement()) {
                create.execute("create database " + name);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
        }
    }
}
