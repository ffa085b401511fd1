package io.ficus.testkit;

/**
 * One database on a {@link PostgresServer}, with everything a client needs to reach it.
 *
 * @param name     database name
 * @param host     server host
 * @param port     server port
 * @param username a superuser
 * @param password its password
 */
public record Database(String name, String host, int port, String username, String password) {

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + name;
    }
}
