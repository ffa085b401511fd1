package io.ficus.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ficus.sandbox.App;
import io.ficus.sandbox.Stack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Core commit → committed in the legacy (the write-back) at a steady rate of ticket creations sent straight to the new
 * core's API (the shared stack takes writes in both applications). Not part of the default test run; run it with
 * {@code mvn -B -ntp -pl testkit,contracts,legacy-app,new-core,legacy-adapter,cdc-bridge,gateway,sandbox,e2e -am verify
 * -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -Dsurefire.excludedGroups= -Dgroups=bench
 * -Dit.test=WriteBackLatencyBenchmark -Dit.failIfNoSpecifiedTests=false}. Options: {@code -Dbench.rate=1000} (creations
 * per second, sent open-loop), {@code -Dbench.seconds=30} (measured), {@code -Dbench.warmup=10} (seconds at the same
 * rate, not measured), {@code -Dbench.inFlight=64} (most requests waiting for an answer; the writer waits past it),
 * {@code -Dbench.projects=8} (the creations are spread over this many projects: the core locks a
 * ticket's project while it creates it, as the legacy does). Latencies come from PostgreSQL's commit timestamps of both
 * databases (one server, one clock) and the Kafka record time of each {@code CoreEvent}, read after the run.
 */
@Tag("bench")
class WriteBackLatencyBenchmark {

    @Test
    void measuresCoreCommitToLegacyCommitLatencyAtASteadyRate() throws Exception {
        int rate = Integer.getInteger("bench.rate", 1000);
        int seconds = Integer.getInteger("bench.seconds", 30);
        int warmup = Integer.getInteger("bench.warmup", 10);
        int projectCount = Integer.getInteger("bench.projects", 8);
        Stack stack = RunningStack.get();
        var legacyDb = stack.config().legacyDb();
        var coreDb = stack.config().coreDb();
        // Each user signs up through the gateway (on the legacy) and gets a project of its own, synced into the core.
        List<String> tokens = new ArrayList<>();
        List<String> projects = new ArrayList<>();
        for (int i = 0; i < projectCount; i++) {
            var user = new Http(stack.config().url(App.GATEWAY), null).signUp("Bench" + i);
            tokens.add(user.token());
            projects.add(user.get("/api/projects").json().get(0).get("id").asString());
        }
        var core = new Http(stack.config().url(App.NEW_CORE), tokens.get(0));
        for (int i = 0; i < projectCount; i++) {
            var inCore = core.withToken(tokens.get(i));
            String project = projects.get(i);
            await().atMost(Duration.ofMinutes(2)).until(() -> inCore.get("/api/projects/" + project + "/phases").status() == 200
                    && inCore.get("/api/projects/" + project + "/phases").json().size() > 0);
        }

        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String base = stack.config().url(App.NEW_CORE);
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        int warmupWrites = rate * warmup;
        int total = rate * seconds;
        Set<String> measured = ConcurrentHashMap.newKeySet();
        AtomicInteger failed = new AtomicInteger();
        // Open loop up to this many requests in flight (each holds a connection): past it the writer waits, and the rate
        // achieved says so.
        var inFlight = new java.util.concurrent.Semaphore(Integer.getInteger("bench.inFlight", 64));
        List<CompletableFuture<?>> sent = new ArrayList<>(warmupWrites + total);
        try (Connection legacy = DriverManager.getConnection(legacyDb.jdbcUrl(), legacyDb.username(), legacyDb.password());
             Connection coreSql = DriverManager.getConnection(coreDb.jdbcUrl(), coreDb.username(), coreDb.password())) {
            int pgPort = URI.create(legacyDb.jdbcUrl().substring("jdbc:".length())).getPort();
            long start = System.nanoTime() + warmupWrites * interval;
            Map<String, Duration> cpuBefore = null;
            for (int i = -warmupWrites; i < total; i++) {
                if (i == 0) {
                    cpuBefore = SyncLatencyBenchmark.Cpu.byComponent(pgPort);
                }
                long wait = start + i * interval - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                inFlight.acquire();
                int p = Math.floorMod(i, projectCount);
                boolean counted = i >= 0;
                var request = HttpRequest.newBuilder(URI.create(base + "/api/projects/" + projects.get(p) + "/tickets"))
                        .header("Authorization", "Bearer " + tokens.get(p)).header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"write-back " + i + "\",\"assigneeIds\":[]}")).build();
                sent.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((response, error) -> {
                    inFlight.release();
                    if (error != null || response.statusCode() != 201) {
                        failed.incrementAndGet();
                    } else if (counted) {
                        measured.add(Http.json.readTree(response.body()).get("id").asString());
                    }
                    return null;
                }));
            }
            double offered = total / ((System.nanoTime() - start) / 1e9);
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
            double answered = total / ((System.nanoTime() - start) / 1e9);

            try {
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                        .until(() -> written(legacy, measured) >= measured.size());
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                // reported below as not written back within 60 s
            }
            Map<String, Duration> cpuAfter = SyncLatencyBenchmark.Cpu.byComponent(pgPort);
            double measuredSeconds = (System.nanoTime() - start) / 1e9;
            Map<String, Long> legacyCommits = commitTimes(legacy,
                    "select tkt_id, pg_xact_commit_timestamp(xmin) from tkt_ticket where tkt_id = any(?)", measured);
            Map<String, Long> coreCommits = commitTimes(coreSql,
                    "select id::text, pg_xact_commit_timestamp(xmin) from tickets_ticket where id = any(?::uuid[])", measured);
            var topics = new io.ficus.contracts.Topics(stack.config().topicPrefix());
            Map<String, Long> publishedMillis = SyncLatencyBenchmark.published(stack, topics.coreEvents(), measured, false);
            System.out.printf("%nWRITE-BACK LATENCY core commit -> committed in the legacy: %d creations offered at %.0f/s (target %d/s, "
                            + "answered at %.0f/s, %d failed) after a %d s warm-up, %s, %d not written back within 60 s%n",
                    total, offered, rate, answered, failed.get(), warmup, SyncLatencyBenchmark.hop(coreCommits, legacyCommits, 1000, 1000),
                    measured.size() - legacyCommits.size());
            System.out.printf("  hop core commit -> core event published (Kafka record time): %s%n",
                    SyncLatencyBenchmark.hop(coreCommits, publishedMillis, 1000, 1));
            System.out.printf("  hop core event published -> committed in the legacy: %s%n",
                    SyncLatencyBenchmark.hop(publishedMillis, legacyCommits, 1, 1000));
            System.out.printf("  CPU seconds per component from the first measured write until all were written back (%.1f s of wall "
                    + "time, %d cores): %s%n%n", measuredSeconds, Runtime.getRuntime().availableProcessors(),
                    SyncLatencyBenchmark.Cpu.delta(cpuBefore, cpuAfter));
            assertThat(legacyCommits).hasSameSizeAs(measured);
        }
    }

    private static long written(Connection legacy, Set<String> ids) throws java.sql.SQLException {
        try (var query = legacy.prepareStatement("select count(*) from tkt_ticket where tkt_id = any(?)")) {
            query.setArray(1, legacy.createArrayOf("text", ids.toArray()));
            try (var rs = query.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Commit time in microseconds since the epoch, per id of {@code ids}. */
    private static Map<String, Long> commitTimes(Connection db, String sql, Set<String> ids) throws java.sql.SQLException {
        Map<String, Long> times = new java.util.HashMap<>();
        try (var query = db.prepareStatement(sql)) {
            query.setArray(1, db.createArrayOf("text", ids.toArray()));
            try (var rs = query.executeQuery()) {
                while (rs.next()) {
                    java.sql.Timestamp at = rs.getTimestamp(2);
                    times.put(rs.getString(1), at.getTime() / 1000 * 1_000_000 + at.getNanos() / 1000);
                }
            }
        }
        return times;
    }
}
