package io.ficus.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ficus.sandbox.App;
import io.ficus.sandbox.Stack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The initial load of about a million legacy rows: cdc-bridge's snapshot into Kafka alone, and
 * the whole way into the new core (snapshot, translation, apply) with every application
 * running. Prints the bridge's own progress lines and rows per second. Not part of the default
 * test run:
 * {@code mvn -B -ntp -pl e2e verify -Dsurefire.excludedGroups= -Dgroups=bench -Dit.test=SnapshotBenchmark}
 * ({@code -Dbench.users=60000} seeds about 1.02 million rows; {@code #initialLoadIntoTheCore}
 * for the second figure only).
 */
@Tag("bench")
class SnapshotBenchmark {

    @Test
    void snapshotsAMillionRowsIntoKafka() throws Exception {
        var config = RunningStack.config("snapshot-bench");
        try (Stack stack = seededLegacy(config)) {
            long start = System.nanoTime();
            stack.launch(App.CDC_BRIDGE);
            Path log = config.workDirectory().resolve("logs/cdc-bridge.log");
            await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> Files.exists(log) && Files.readString(log).contains("Snapshot complete:"));
            double seconds = (System.nanoTime() - start) / 1e9;
            List<String> progress = Files.readAllLines(log).stream()
                    .filter(l -> l.contains("Snapshot of") || l.contains("Snapshot progress") || l.contains("Snapshot complete:"))
                    .map(l -> l.substring(l.indexOf(": ") + 2)).toList();
            System.out.printf("%nSNAPSHOT BENCH: bridge started and snapshot complete in %.0f s%n  %s%n%n", seconds,
                    String.join("\n  ", progress));
            assertThat(progress).anyMatch(l -> l.startsWith("Snapshot complete"));
        }
    }

    @Test
    void initialLoadIntoTheCore() throws Exception {
        var config = RunningStack.config("initial-load-bench");
        try (Stack stack = seededLegacy(config)) {
            long live = Sql.count(config.legacyDb(), """
                    select (select count(*) from usr_user where usr_del_flg = 'N') + (select count(*) from prj_project)
                         + (select count(*) from mbr_membership) + (select count(*) from phs_phase)
                         + (select count(*) from tkt_ticket where tkt_del_flg = 'N')""");
            long start = System.nanoTime();
            stack.launch(App.NEW_CORE);
            stack.launch(App.LEGACY_ADAPTER);
            stack.launch(App.CDC_BRIDGE);
            stack.awaitHealthy(App.NEW_CORE);
            String inCore = """
                    select (select count(*) from users_user) + (select count(*) from projects_project)
                         + (select count(*) from memberships_membership) + (select count(*) from phases_phase)
                         + (select count(*) from tickets_ticket)""";
            var lastReport = new java.util.concurrent.atomic.AtomicLong(System.nanoTime());
            await().atMost(Duration.ofMinutes(60)).pollInterval(Duration.ofSeconds(2)).until(() -> {
                long applied = Sql.count(config.coreDb(), inCore);
                if (System.nanoTime() - lastReport.get() > 15e9) {
                    System.out.printf("INITIAL LOAD progress: %,d of %,d entities in the core after %.0f s%n", applied, live,
                            (System.nanoTime() - start) / 1e9);
                    lastReport.set(System.nanoTime());
                }
                return applied >= live;
            });
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("%nINITIAL LOAD BENCH: %,d live legacy entities in the core %.0f s after the applications started"
                    + " (%.0f entities/s end to end)%n%n", live, seconds, live / seconds);
            assertThat(Sql.count(config.coreDb(), inCore)).isEqualTo(live);
        }
    }

    /** The legacy app alone, once it seeded {@code bench.users} users with their projects, phases and tickets. */
    private static Stack seededLegacy(io.ficus.sandbox.StackConfig config) {
        int users = Integer.getInteger("bench.users", 60_000);
        return Stack.start(config, EnumSet.of(App.LEGACY_APP), Map.of(App.LEGACY_APP,
                List.of("--ficus.seed.users=" + users, "--ficus.seed.exit-when-done=false")));
    }
}
