package io.ficus.adapter.reconcile;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The core's database, read by reconciliation and by the sync fence: a small read-only HikariCP pool, opened on first
 * use (the adapter starts and syncs while the core's database is away) and closed with the application. It is not a
 * {@code DataSource} bean on purpose: the adapter's own {@code DataSource} (the legacy database) stays the only one
 * Spring Boot configures, migrates and checks for health.
 */
@Component
public class CoreDatabase implements DisposableBean {

    /**
     * Besides a full reconciliation's ranges compared at once ({@code parallelism}, one connection each): one for the
     * reconciliation's incremental mode and repair, one for the fence while it waits.
     */
    static final int OTHER_CONNECTIONS = 2;
    /** How long a caller waits for a connection (a new one, or one the other user gives back). */
    static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(5);
    /** A connection idle this long is closed, so an idle adapter holds none. */
    static final Duration IDLE_TIMEOUT = Duration.ofMinutes(1);

    private final ReconciliationProperties.CoreDb coreDb;
    private final int maxConnections;
    private HikariDataSource pool;

    CoreDatabase(ReconciliationProperties properties) {
        this.coreDb = properties.coreDb();
        this.maxConnections = properties.parallelism() + OTHER_CONNECTIONS;
    }

    /** Whether a core database is configured ({@code ficus.adapter.reconciliation.core-db.url}). */
    public boolean configured() {
        return coreDb != null && coreDb.url() != null && !coreDb.url().isBlank();
    }

    /**
     * A read-only connection from the pool; the caller closes it (which gives it back).
     *
     * @throws IllegalStateException when no core database is configured
     * @throws SQLException          when none can be had within {@link #CONNECTION_TIMEOUT}
     */
    public Connection connection() throws SQLException {
        return pool().getConnection();
    }

    private synchronized HikariDataSource pool() {
        if (!configured()) {
            throw new IllegalStateException("the core database is not configured (ficus.adapter.reconciliation.core-db.url)");
        }
        if (pool == null) {
            var config = new HikariConfig();
            config.setPoolName("ficus-core-db");
            config.setJdbcUrl(coreDb.url());
            config.setUsername(coreDb.username());
            config.setPassword(coreDb.password());
            config.setReadOnly(true);
            config.setAutoCommit(true);
            config.setMaximumPoolSize(maxConnections);
            config.setMinimumIdle(0);
            config.setIdleTimeout(IDLE_TIMEOUT.toMillis());
            config.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
            // Opened lazily and allowed to start while the database is away: a connection is tried on each use.
            config.setInitializationFailTimeout(-1);
            pool = new HikariDataSource(config);
        }
        return pool;
    }

    @Override
    public synchronized void destroy() {
        if (pool != null) {
            pool.close();
            pool = null;
        }
    }
}
