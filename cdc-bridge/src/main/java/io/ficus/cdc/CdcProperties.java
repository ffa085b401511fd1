package io.ficus.cdc;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Configuration of the cdc-bridge.
 *
 * @param database          the legacy database to capture
 * @param schema            schema of the captured tables
 * @param tables            captured tables (lower case); each gets a topic {@code legacy.cdc.<table>}
 * @param slotName          logical replication slot; one per capturing bridge, cluster-wide unique
 * @param publicationName   publication created (filtered to {@code tables}) when missing
 * @param offsetStorage     where processed source offsets are stored: {@code file} ({@code offsetFile}, on this
 *                          host; the default) or {@code jdbc} (a table of the legacy database, so that another
 *                          bridge instance, on another host, takes over where this one stopped without a new snapshot)
 * @param offsetFile        the offset file when {@code offsetStorage} is {@code file}; survives restarts
 * @param offsetTable       the offset table when {@code offsetStorage} is {@code jdbc}: a lower-case name in the
 *                          bridge's own schema {@code ficus_cdc} of the legacy database, created when missing
 * @param topicPrefix       prepended to every topic name (tests only; empty in production)
 * @param pollInterval      how long the engine waits for new changes before polling again
 * @param heartbeatInterval how often the bridge confirms its position while captured tables are quiet,
 *                          so the WAL retained by the slot stays bounded
 * @param snapshotMode      Debezium snapshot mode: {@code initial} snapshots once, then streams
 * @param maxBatchSize      most changes handed to Kafka in one batch
 * @param progressInterval  how often snapshot progress is logged
 * @param slotCheckInterval how often the replication slot's state (connected, retained WAL) is read
 * @param restartInitialBackoff how long the bridge waits before it restarts an engine that stopped
 *                          on a failure (Kafka or the legacy database away); doubled per failed
 *                          restart, without a limit on restarts
 * @param restartMaxBackoff the longest wait between two restarts
 */
@ConfigurationProperties("ficus.cdc")
public record CdcProperties(
        Database database,
        @DefaultValue("public") String schema,
        @DefaultValue({"usr_user", "prj_project", "mbr_membership", "phs_phase", "tkt_ticket"}) List<String> tables,
        @DefaultValue("ficus_cdc") String slotName,
        @DefaultValue("ficus_cdc") String publicationName,
        @DefaultValue("file") OffsetStorage offsetStorage,
        @DefaultValue("data/cdc-offsets.dat") Path offsetFile,
        @DefaultValue("cdc_offsets") String offsetTable,
        @DefaultValue("") String topicPrefix,
        @DefaultValue("10ms") Duration pollInterval,
        @DefaultValue("10s") Duration heartbeatInterval,
        @DefaultValue("initial") String snapshotMode,
        @DefaultValue("2048") int maxBatchSize,
        @DefaultValue("5s") Duration progressInterval,
        @DefaultValue("10s") Duration slotCheckInterval,
        @DefaultValue("1s") Duration restartInitialBackoff,
        @DefaultValue("1m") Duration restartMaxBackoff) {

    private static final java.util.regex.Pattern IDENTIFIER = java.util.regex.Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    public CdcProperties {
        if (database == null) {
            database = new Database("localhost", 5432, "legacy", "ficus", "ficus");
        }
        for (String name : tables) {
            requireIdentifier("ficus.cdc.tables", name);
        }
        requireIdentifier("ficus.cdc.schema", schema);
        if (restartInitialBackoff.isNegative() || restartInitialBackoff.isZero() || restartMaxBackoff.compareTo(restartInitialBackoff) < 0) {
            throw new IllegalArgumentException("ficus.cdc.restart-initial-backoff must be positive and at most ficus.cdc.restart-max-backoff");
        }
        requireIdentifier("ficus.cdc.slot-name", slotName);
        requireIdentifier("ficus.cdc.offset-table", offsetTable);
        requireIdentifier("ficus.cdc.publication-name", publicationName);
    }

    /** Where the engine's offsets live. */
    public enum OffsetStorage {
        /** A file on this host ({@code ficus.cdc.offset-file}). */
        FILE,
        /** A table of the legacy database ({@code ficus_cdc.<ficus.cdc.offset-table>}), shared by every bridge instance. */
        JDBC
    }

    private static void requireIdentifier(String property, String value) {
        if (value == null || !IDENTIFIER.matcher(value).matches()) {
            throw new IllegalArgumentException(property + " must be a lower-case SQL identifier, not '" + value + "'");
        }
    }

    /**
     * Connection to the legacy database. The user needs the REPLICATION attribute (or to be
     * a superuser) and ownership of the captured tables to create the publication.
     *
     * @param host     database host
     * @param port     database port
     * @param name     database name
     * @param username database user
     * @param password its password
     */
    public record Database(
            @DefaultValue("localhost") String host,
            @DefaultValue("5432") int port,
            @DefaultValue("legacy") String name,
            @DefaultValue("ficus") String username,
            @DefaultValue("ficus") String password) {

        /** The JDBC URL of the legacy database. */
        String jdbcUrl() {
            return "jdbc:postgresql://" + host + ":" + port + "/" + name;
        }

        @Override
        public String toString() {
            return "Database[" + username + "@" + host + ":" + port + "/" + name + "]";
        }
    }
}
