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
 * cdc-bridge's initial snapshot of about a million legacy rows into Kafka. Prints the bridge's
 * own progress lines and its final rows per second. Not part of the default test run:
 * {@code mvn -B -ntp -pl e2e verify -Dsurefire.excludedGroups= -Dgroups=bench -Dtest=SnapshotBenchmark}
 * ({@code -Dbench.users=60000} seeds about 1.02 million rows).
 */
@Tag("bench")
class SnapshotBenchmark {

    @Test
    void snapshotsAMillionRowsIntoKafka() throws Exception {
        int users = Integer.getInteger("bench.users", 60_000);
        var config = RunningStack.config("snapshot-bench");
        try (Stack stack = Stack.start(config, EnumSet.of(App.LEGACY_APP), Map.of(App.LEGACY_APP,
                List.of("--ficus.seed.users=" + users, "--ficus.seed.exit-when-done=false")))) {
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
}
