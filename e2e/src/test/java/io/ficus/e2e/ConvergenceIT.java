package io.ficus.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ficus.sandbox.App;
import io.ficus.sandbox.Stack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Both stores converge: random writes go to the legacy and to the new core at the same time
 * (each side its own users, projects and tickets), cdc-bridge and legacy-adapter are killed
 * with {@code kill -9} and started again mid-way, and at the end reconciliation reports no
 * drift at all.
 */
class ConvergenceIT {

    private static final Logger log = LoggerFactory.getLogger(ConvergenceIT.class);
    private static final Duration WRITING = Duration.ofSeconds(20);

    /** One client of one side: registers, then creates, renames and deletes tickets at random. */
    record Writer(String name, Http api, Random random, AtomicInteger progress) implements Callable<Integer> {
        @Override
        public Integer call() {
            var client = api.signUp(name);
            String project = client.get("/api/projects").json().get(0).get("id").asString();
            List<String> tickets = new ArrayList<>();
            int writes = 0;
            long end = System.nanoTime() + WRITING.toNanos();
            while (System.nanoTime() < end) {
                int dice = random.nextInt(10);
                if (tickets.isEmpty() || dice < 5) {
                    var created = client.post("/api/projects/" + project + "/tickets", Map.of("title", name + " " + writes,
                            "description", "written by " + name, "assigneeIds", List.of()));
                    assertThat(created.status()).as(created.body()).isEqualTo(201);
                    tickets.add(created.json().get("id").asString());
                } else if (dice < 8) {
                    String id = tickets.get(random.nextInt(tickets.size()));
                    var renamed = client.patch("/api/tickets/" + id, Map.of("title", name + " renamed " + writes));
                    assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
                } else {
                    String id = tickets.remove(random.nextInt(tickets.size()));
                    assertThat(client.delete("/api/tickets/" + id).status()).isEqualTo(204);
                }
                writes++;
                progress.incrementAndGet();
            }
            return writes;
        }
    }

    @Test
    void bothStoresConvergeAfterConcurrentWritesAndCrashes() throws Exception {
        Stack stack = RunningStack.get();
        var legacy = new Http(stack.config().url(App.LEGACY_APP), null);
        var core = new Http(stack.config().url(App.NEW_CORE), null);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Integer>> writers = new ArrayList<>();
        var progress = new AtomicInteger();
        for (int i = 0; i < 2; i++) {
            writers.add(pool.submit(new Writer("legacy" + i, legacy, new Random(i), progress)));
            writers.add(pool.submit(new Writer("core" + i, core, new Random(100 + i), progress)));
        }
        // Crash the sync mid-way, once each, while the writers keep writing.
        await().atMost(WRITING).until(() -> progress.get() >= 100);
        stack.kill(App.CDC_BRIDGE);
        stack.kill(App.LEGACY_ADAPTER);
        stack.launch(App.CDC_BRIDGE);
        stack.launch(App.LEGACY_ADAPTER);
        stack.awaitHealthy(App.CDC_BRIDGE);
        stack.awaitHealthy(App.LEGACY_ADAPTER);
        int writes = 0;
        for (var writer : writers) {
            writes += writer.get();
        }
        pool.shutdown();
        log.info("{} writes done on both sides; waiting for zero drift", writes);

        var report = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(2))
                .until(() -> reconcile(stack), r -> r.path("report").path("types").properties().stream()
                        .allMatch(t -> drift(t.getValue()) == 0));
        log.info("Converged: {}", report.path("report"));
        assertThat(report.path("state").asString()).isEqualTo("DONE");
    }

    static long drift(JsonNode type) {
        return type.path("missingInCore").asLong() + type.path("missingInLegacy").asLong() + type.path("different").asLong();
    }

    /** Runs one full reconciliation through the adapter's admin API and returns the finished job. */
    static JsonNode reconcile(Stack stack) throws Exception {
        return reconcile(stack, Duration.ofSeconds(60));
    }

    /** The same, waiting up to {@code timeout} for the reconciliation to finish. */
    static JsonNode reconcile(Stack stack, Duration timeout) {
        return reconcile(stack, "mode=full", timeout);
    }

    /** Runs one reconciliation with the given query ({@code mode=full&repair=true}, say) and returns the finished job. */
    static JsonNode reconcile(Stack stack, String query, Duration timeout) {
        var admin = Http.admin(stack.config().url(App.LEGACY_ADAPTER), stack.config().adminUser(), stack.config().adminPassword());
        var started = admin.post("/ficus/reconciliation?" + query, null);
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        String id = started.json().get("id").asString();
        var done = new java.util.concurrent.atomic.AtomicReference<JsonNode>();
        // each poll is an HTTP Basic request, i.e. one bcrypt check in the adapter: a long run (a benchmark) is polled
        // seldom, so that the polling does not take the CPU the reconciliation is measured with
        Duration poll = timeout.compareTo(Duration.ofMinutes(2)) > 0 ? Duration.ofSeconds(2) : Duration.ofMillis(200);
        await().atMost(timeout).pollInterval(poll).until(() -> {
            var job = admin.get("/ficus/reconciliation/" + id).json();
            done.set(job);
            return !"RUNNING".equals(job.path("state").asString());
        });
        return done.get();
    }
}
