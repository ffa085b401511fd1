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

    static Properties from(CdcProperties cdc) {
        var p = new Properties();
        p.setProperty("name", "ficus-cdc-bridge");
        p.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        p.setProperty("offset.storage", "org.apache.kafka.connect.storage.FileOffsetBackingStore");
        p.setProperty("offset.storage.file.filename", cdc.offsetFile().toAbsolutePath().toString());
        p.setProperty("offset.flush.interval.ms", "0");
        p.setProperty("database.hostname", cdc.database().host());
        p.setProperty("database.port", Integer.toString(cdc.database().port()));
        p.setProperty("database.user", cdc.database().username());
        p.setProperty("database.password", cdc.database().password());
        p.setProperty("database.dbname", cdc.database().name());
        p.setProperty("topic.prefix", SERVER_NAME);
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
