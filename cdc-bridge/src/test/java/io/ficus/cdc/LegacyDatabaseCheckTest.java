package io.ficus.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ficus.testkit.Database;
import io.ficus.testkit.TestInfra;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LegacyDatabaseCheckTest {

    static final Database db = TestInfra.newDatabase("cdc_check");
    final LegacyDatabaseCheck check = new LegacyDatabaseCheck();

    static CdcProperties properties(String dbName, String slot, List<String> tables) {
        return new CdcProperties(new CdcProperties.Database(db.host(), db.port(), dbName, db.username(), db.password()),
                "public", tables, slot, slot, CdcProperties.OffsetStorage.FILE, Path.of("offsets.dat"), "cdc_offsets", "", Duration.ofMillis(10), Duration.ofSeconds(10),
                "initial", 100, Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofMinutes(1));
    }

    static void sql(String statement) throws Exception {
        try (var c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password())) {
            c.createStatement().execute(statement);
        }
    }

    @Test
    void acceptsALogicalDatabaseWithItsTablesAndCountsTheirRows() throws Exception {
        sql("create table if not exists counted (id int primary key)");
        sql("insert into counted values (1), (2), (3) on conflict do nothing");
        var properties = properties(db.name(), "free_slot", List.of("counted"));
        check.verify(properties);
        assertThat(check.tableSizes(properties)).containsEntry("counted", 3L);
    }

    @Test
    void saysClearlyWhenItCannotConnect() {
        assertThatThrownBy(() -> check.verify(properties("no_such_database", "s", List.of("counted"))))
                .isInstanceOf(CdcStartupException.class)
                .hasMessageStartingWith("Cannot connect to the legacy database")
                .hasMessageContaining("no_such_database");
    }

    @Test
    void saysClearlyWhenATableIsMissing() {
        assertThatThrownBy(() -> check.verify(properties(db.name(), "s", List.of("not_migrated_yet"))))
                .isInstanceOf(CdcStartupException.class)
                .hasMessageContaining("has no table public.not_migrated_yet");
    }

    @Test
    void refusesASlotMadeForAnotherPlugin() throws Exception {
        sql("create table if not exists counted (id int primary key)");
        sql("select pg_create_logical_replication_slot('" + db.name() + "_td', 'test_decoding')");
        try {
            assertThatThrownBy(() -> check.verify(properties(db.name(), db.name() + "_td", List.of("counted"))))
                    .isInstanceOf(CdcStartupException.class)
                    .hasMessageContaining("exists for plugin test_decoding");
        } finally {
            sql("select pg_drop_replication_slot('" + db.name() + "_td')");
        }
    }

    @Test
    void refusesATableNameThatIsNotAnIdentifier() {
        assertThatThrownBy(() -> properties(db.name(), "s", List.of("x; drop table y")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ficus.cdc.tables");
    }

    @Test
    void saysClearlyWhenTheDatabaseIsNotConfiguredForLogicalDecoding() {
        try (var replicaOnly = io.ficus.testkit.EmbeddedPostgresServer.start(null, 0, java.util.Map.of("wal_level", "replica"))) {
            var properties = new CdcProperties(new CdcProperties.Database(replicaOnly.host(), replicaOnly.port(), "postgres",
                    replicaOnly.username(), replicaOnly.password()), "public", List.of("counted"), "s", "s", CdcProperties.OffsetStorage.FILE, Path.of("offsets.dat"), "cdc_offsets",
                    "", Duration.ofMillis(10), Duration.ofSeconds(10), "initial", 100, Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofMinutes(1));
            assertThatThrownBy(() -> check.verify(properties))
                    .isInstanceOf(CdcStartupException.class)
                    .hasMessageContaining("has wal_level=replica")
                    .hasMessageContaining("needs wal_level=logical");
        }
    }

    @Test
    void turnsAStartupFailureIntoOneSentenceAndWhatToCheck() {
        var analysis = new CdcStartupFailureAnalyzer().analyze(new IllegalStateException(new CdcStartupException("The legacy database is away.")));
        assertThat(analysis.getDescription()).isEqualTo("The legacy database is away.");
        assertThat(analysis.getAction()).contains("ficus.cdc.database");
    }
}
