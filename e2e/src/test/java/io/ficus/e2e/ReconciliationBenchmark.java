package io.ficus.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ficus.sandbox.App;
import io.ficus.sandbox.Stack;
import java.nio.file.Files;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A population of about a million legacy rows: seeded, snapshotted by cdc-bridge, applied by
 * the new core, then reconciled in full. Prints the snapshot's rows per second, the time until
 * both stores agree, and the reconciliation's duration. Not part of the default test run:
 * {@code mvn -B -ntp -pl e2e verify -Dsurefire.excludedGroups= -Dgroups=bench -Dtest=ReconciliationBenchmark}
 * ({@code -Dbench.users=60000} gives about 1.02 million rows).
 */
@Tag("bench")
class ReconciliationBenchmark {

    @Test
    void seedsSnapshotsAppliesAndReconcilesAMillionRows() throws Exception {
        int users = Integer.getInteger("bench.users", 60_000);
        var config = RunningStack.config("recon-bench");
        long seedStart = System.nanoTime();
        // legacy-app seeds before it serves; the bridge starts once it is healthy, so its snapshot sees every row.
        try (Stack stack = Stack.start(config, EnumSet.allOf(App.class), Map.of(App.LEGACY_APP,
                List.of("--ficus.seed.users=" + users, "--ficus.seed.exit-when-done=false")))) {
            long rows;
            var db = config.legacyDb();
            try (var c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
                 var rs = c.createStatement().executeQuery("select (select count(*) from usr_user) + (select count(*) from prj_project)"
                         + " + (select count(*) from mbr_membership) + (select count(*) from phs_phase) + (select count(*) from tkt_ticket)")) {
                rs.next();
                rows = rs.getLong(1);
            }
            long snapshotStart = System.nanoTime();
            JsonNode report = await().atMost(Duration.ofMinutes(40)).pollInterval(Duration.ofSeconds(10))
                    .until(() -> ConvergenceTest.reconcile(stack, Duration.ofMinutes(20)), job -> job.path("report").path("types").properties().stream()
                            .allMatch(t -> ConvergenceTest.drift(t.getValue()) == 0));
            double converged = (System.nanoTime() - snapshotStart) / 1e9;
            JsonNode timed = ConvergenceTest.reconcile(stack, Duration.ofMinutes(20));
            String snapshotLog = Files.readAllLines(config.workDirectory().resolve("logs/cdc-bridge.log")).stream()
                    .filter(l -> l.contains("Snapshot complete")).findFirst().orElse("(no snapshot line)");
            System.out.printf("%nRECONCILIATION BENCH: %,d legacy rows; seeding and startup %.0f s; snapshot+apply until zero drift %.0f s;"
                            + " full reconciliation of %,d entities took %s%n%s%n%n", rows, (snapshotStart - seedStart) / 1e9, converged,
                    timed.path("report").path("types").properties().stream().mapToLong(t -> t.getValue().path("compared").asLong()).sum(),
                    timed.path("report").path("took").asString(), snapshotLog);
            assertThat(report.path("state").asString()).isEqualTo("DONE");
        }
    }
}
