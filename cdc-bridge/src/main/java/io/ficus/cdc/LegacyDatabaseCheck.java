package io.ficus.cdc;

import java.sql.DriverManager;
import java.sql.SQLException;
import org.springframework.stereotype.Component;

/**
 * Checks before the engine starts that the legacy database can be captured at all, so a
 * misconfiguration ends the startup with one clear sentence rather than an engine stack trace.
 */
@Component
class LegacyDatabaseCheck {

    void verify(CdcProperties properties) {
        var db = properties.database();
        try (var c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
             var rs = c.createStatement().executeQuery("select current_setting('wal_level')")) {
            rs.next();
            String walLevel = rs.getString(1);
            if (!"logical".equals(walLevel)) {
                throw new CdcStartupException("The legacy database " + db + " has wal_level=" + walLevel
                        + "; change data capture needs wal_level=logical (set it in postgresql.conf and restart PostgreSQL).");
            }
            verifySlot(c, properties);
            verifyTables(c, properties);
            try (var s = c.createStatement()) {
                s.execute("create schema if not exists ficus_cdc");
                s.execute("create table if not exists " + DebeziumSettings.HEARTBEAT_TABLE
                        + " (id integer primary key, beat_at timestamp with time zone not null)");
            }
        } catch (SQLException e) {
            throw new CdcStartupException("Cannot connect to the legacy database " + db + ": " + e.getMessage());
        }
    }

    /**
     * A slot of that name must be usable: logical, pgoutput, on this database, and not held
     * by another client. A slot still held by a bridge that just died is released by
     * PostgreSQL within moments, so a held slot is waited for a while before giving up.
     */
    private static void verifySlot(java.sql.Connection c, CdcProperties properties) throws SQLException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (true) {
            Object activePid = null;
            try (var s = c.prepareStatement("select plugin, database, active_pid from pg_replication_slots where slot_name = ?")) {
                s.setString(1, properties.slotName());
                try (var rs = s.executeQuery()) {
                    if (!rs.next()) {
                        return;
                    }
                    String plugin = rs.getString(1);
                    String database = rs.getString(2);
                    if (!"pgoutput".equals(plugin) || !properties.database().name().equals(database)) {
                        throw new CdcStartupException("Replication slot '" + properties.slotName() + "' exists for plugin "
                                + plugin + " on database " + database + "; the bridge needs a pgoutput slot on "
                                + properties.database().name() + ". Choose another ficus.cdc.slot-name or drop that slot.");
                    }
                    activePid = rs.getObject(3);
                }
            }
            if (activePid == null) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new CdcStartupException("Replication slot '" + properties.slotName()
                        + "' is in use by another client (pid " + activePid
                        + "); is another cdc-bridge running with the same ficus.cdc.slot-name?");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CdcStartupException("Interrupted while waiting for replication slot '" + properties.slotName() + "'");
            }
        }
    }

    private static void verifyTables(java.sql.Connection c, CdcProperties properties) throws SQLException {
        for (String table : properties.tables()) {
            try (var s = c.prepareStatement("select to_regclass(?)")) {
                s.setString(1, properties.schema() + "." + table);
                try (var rs = s.executeQuery()) {
                    rs.next();
                    if (rs.getString(1) == null) {
                        throw new CdcStartupException("The legacy database " + properties.database() + " has no table "
                                + properties.schema() + "." + table + " to capture; has the legacy schema been migrated?");
                    }
                }
            }
        }
    }

    /** Whether the offset table ({@code ficus.cdc.offset-storage=jdbc}) holds offsets already. */
    boolean offsetsStored(CdcProperties properties) {
        var db = properties.database();
        try (var c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
             var exists = c.prepareStatement("select to_regclass(?)")) {
            exists.setString(1, DebeziumSettings.OWN_SCHEMA + "." + properties.offsetTable());
            try (var rs = exists.executeQuery()) {
                rs.next();
                if (rs.getString(1) == null) {
                    return false;
                }
            }
            try (var rs = c.createStatement().executeQuery("select count(*) from " + DebeziumSettings.OWN_SCHEMA + "."
                    + properties.offsetTable())) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        } catch (SQLException e) {
            throw new CdcStartupException("Cannot read the offset table in " + db + ": " + e.getMessage());
        }
    }

    /** The number of rows in each captured table, for snapshot progress. */
    java.util.Map<String, Long> tableSizes(CdcProperties properties) {
        var db = properties.database();
        var sizes = new java.util.LinkedHashMap<String, Long>();
        try (var c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password())) {
            for (String table : properties.tables()) {
                try (var rs = c.createStatement().executeQuery("select count(*) from " + properties.schema() + "." + table)) {
                    rs.next();
                    sizes.put(table, rs.getLong(1));
                }
            }
        } catch (SQLException e) {
            throw new CdcStartupException("Cannot count the rows to snapshot in " + db + ": " + e.getMessage());
        }
        return sizes;
    }
}
