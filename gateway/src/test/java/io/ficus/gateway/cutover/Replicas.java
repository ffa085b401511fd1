package io.ficus.gateway.cutover;

import com.zaxxer.hikari.HikariDataSource;
import io.ficus.gateway.GatewayProperties;
import io.ficus.gateway.catalog.RouteCatalog;
import io.ficus.gateway.toggles.ToggleStore;
import io.ficus.testkit.Database;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.HashMap;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Gateway instances without Spring or HTTP: each has its own connection pool on one real PostgreSQL database, its
 * toggle store, write gate, replica agent and coordinator, as the application wires them.
 */
final class Replicas {

    private Replicas() {
    }

    /** A small catalog: {@code tickets} with writes, {@code sessions} without. */
    static Map<String, String> catalog() {
        Map<String, String> p = new HashMap<>();
        route(p, 0, "tickets-create", "POST", "/api/projects/{id}/tickets", "tickets");
        route(p, 1, "tickets-get", "GET", "/api/tickets/{id}", "tickets");
        route(p, 2, "tickets-update", "PATCH", "/api/tickets/{id}", "tickets");
        route(p, 3, "login", "POST", "/api/login", "sessions");
        p.put("ficus.gateway.routes[3].write", "false");
        return p;
    }

    private static void route(Map<String, String> p, int i, String id, String method, String path, String group) {
        p.put("ficus.gateway.routes[" + i + "].id", id);
        p.put("ficus.gateway.routes[" + i + "].methods[0]", method);
        p.put("ficus.gateway.routes[" + i + "].path", path);
        p.put("ficus.gateway.routes[" + i + "].group", group);
    }

    /** Properties bound as the application binds them, from the catalog above plus {@code settings}. */
    static GatewayProperties properties(Map<String, String> settings) {
        Map<String, String> p = catalog();
        p.putAll(settings);
        return new Binder(new MapConfigurationPropertySource(p)).bind("ficus.gateway", GatewayProperties.class).get();
    }

    static void migrate(Database database) {
        Flyway.configure().dataSource(database.jdbcUrl(), database.username(), database.password())
                .locations("classpath:db/gateway").load().migrate();
    }

    static HikariDataSource dataSource(Database database, String username, String password) {
        HikariDataSource ds = new HikariDataSource();
        ds.setJdbcUrl(database.jdbcUrl());
        ds.setUsername(username);
        ds.setPassword(password);
        ds.setMaximumPoolSize(4);
        ds.setConnectionTimeout(1_000);
        ds.setValidationTimeout(500);
        return ds;
    }

    /** One instance. */
    static final class Replica implements AutoCloseable {

        final HikariDataSource dataSource;
        final JdbcTemplate jdbc;
        final ToggleStore toggles;
        final WriteGate gate;
        final ReplicaAgent agent;
        final Cutover cutover;
        final SimpleMeterRegistry meters = new SimpleMeterRegistry();

        Replica(HikariDataSource dataSource, GatewayProperties properties) {
            this.dataSource = dataSource;
            this.jdbc = new JdbcTemplate(dataSource);
            TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
            this.toggles = new ToggleStore(jdbc, tx, new RouteCatalog(properties.routes()), properties, meters);
            this.gate = new WriteGate(properties.handover().holdTimeout(), System::nanoTime);
            this.agent = new ReplicaAgent(dataSource, toggles, gate, properties);
            this.cutover = new Cutover(toggles, jdbc, properties, agent, meters);
            agent.start();
        }

        @Override
        public void close() {
            agent.stop();
            dataSource.close();
        }
    }
}
