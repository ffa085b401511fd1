package io.ficus.cdc;

import java.util.Properties;
import java.util.stream.Collectors;

/** Translates {@link CdcProperties} into the Debezium engine's configuration. */
final class DebeziumSettings {

    /** Debezium's logical server name; destinations look like {@code legacy.public.tkt_ticket}. */
    static final String SERVER_NAME = "legacy";
    /**
     * The bridge's own table in the legacy database, written by every heartbeat so that the
     * slot's position advances even while the captured tables are quiet and other databases
     * of the same server fill the WAL. Captured, never published.
     */
    static final String HEARTBEAT_TABLE = "ficus_cdc.heartbeat";

    private DebeziumSettings() {
    }

    /** The schema of the bridge's own tables in the legacy database (heartbeat, offsets). */
    static final String OWN_SCHEMA = "ficus_cdc";

    /**
     * Offsets in a file, or in a table of the bridge's own schema of the legacy database (Debezium's JDBC offset
     * store, which finds its table by unqualified name: the connection's current schema is the bridge's own).
     */
    private static void offsetStorage(Properties p, CdcProperties cdc) {
        switch (cdc.offsetStorage()) {
            case FILE -> {
                p.setProperty("offset.storage", AtomicFileOffsetBackingStore.class.getName());
                p.setProperty("offset.storage.file.filename", cdc.offsetFile().toAbsolutePath().toString());
            }
            case JDBC -> {
                p.setProperty("offset.storage", "io.debezium.storage.jdbc.offset.JdbcOffsetBackingStore");
                p.setProperty("offset.storage.jdbc.connection.url", offsetJdbcUrl(cdc));
                p.setProperty("offset.storage.jdbc.connection.user", cdc.database().username());
                p.setProperty("offset.storage.jdbc.connection.password", cdc.database().password());
                p.setProperty("offset.storage.jdbc.table.name", cdc.offsetTable());
            }
        }
    }

    /** The legacy database, with the bridge's own schema as the current one. */
    static String offsetJdbcUrl(CdcProperties cdc) {
        return cdc.database().jdbcUrl() + "?currentSchema=" + OWN_SCHEMA;
    }

    static Properties from(CdcProperties cdc) {
        var p = new Properties();
        p.setProperty("name", "ficus-cdc-bridge");
        p.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        offsetStorage(p, cdc);
        p.setProperty("offset.flush.interval.ms", "0");
        p.setProperty("database.hostname", cdc.database().host());
        p.setProperty("database.port", Integer.toString(cdc.database().port()));
        p.setProperty("database.user", cdc.database().username());
        p.setProperty("database.password", cdc.database().password());
        p.setProperty("database.dbname", cdc.database().name());
        p.setProperty("topic.prefix", SERVER_NAME);
        // The engine's JMX metrics are named by the slot too, so engines of several bridges in one JVM (tests) do not
        // wait for each other's names.
        p.setProperty("custom.metric.tags", "slot=" + cdc.slotName());
        p.setProperty("plugin.name", "pgoutput");
        p.setProperty("slot.name", cdc.slotName());
        p.setProperty("publication.name", cdc.publicationName());
        p.setProperty("publication.autocreate.mode", "filtered");
        p.setProperty("table.include.list", cdc.tables().stream()
                .map(t -> cdc.schema() + "." + t)
                .collect(Collectors.joining(",")) + "," + HEARTBEAT_TABLE);
        p.setProperty("heartbeat.action.query", "insert into " + HEARTBEAT_TABLE
                + " (id, beat_at) values (1, now()) on conflict (id) do update set beat_at = excluded.beat_at");
        p.setProperty("snapshot.mode", cdc.snapshotMode());
        p.setProperty("poll.interval.ms", Long.toString(cdc.pollInterval().toMillis()));
        p.setProperty("max.batch.size", Integer.toString(cdc.maxBatchSize()));
        p.setProperty("heartbeat.interval.ms", Long.toString(cdc.heartbeatInterval().toMillis()));
        p.setProperty("tombstones.on.delete", "false");
        p.setProperty("decimal.handling.mode", "string");
        p.setProperty("converter.schemas.enable", "false");
        p.setProperty("errors.max.retries", "-1");
        return p;
    }
}
