package io.ficus.gateway.cutover;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write pause of flips at a steady write rate: two gateway instances on one database, stub backends that keep up
 * with any rate ({@link StubBackend}, answering after {@code bench.backendMillis}), a WireMock sync fence answering
 * after {@code bench.fenceMillis}, writes sent open-loop at {@code bench.rate} per second over both gateways, and the
 * {@code tickets} group flipped between LEGACY and NEW {@code bench.flips} times, each flip towards the other mode
 * than the group is in (a refused flip changes nothing, so the next one tries the same move again). Reports the flips'
 * pause (writes held, as the coordinator measured it), the refused flips with their answer, how long the writes that
 * waited were held (p50/p99 per gateway, from {@code ficus.gateway.handover.held}), the clients' latency and status
 * counts, the backends' slowest answer and the machine's load average. The warm-up ({@code bench.warmup}, 60 s) ramps
 * the rate up from a tenth, so that the gateways are compiled before they get the whole rate.
 *
 * <p>{@code -Dbench.backend=wiremock} (or {@code wiremock-nojournal}) runs the same load on the WireMock backends of
 * {@link TwoGateways} instead, with (or without) their request journal: that is how the stub backends were found
 * necessary (gateway/README.md, "Pause").
 *
 * <pre>
 * mvn -B -ntp -pl gateway -am verify -Dsurefire.excludedGroups= -Dgroups=bench -Dtest=HandoverPauseBenchmark \
 *     -Dsurefire.failIfNoSpecifiedTests=false [-Dbench.rate=1000 -Dbench.flips=10 -Dbench.fenceMillis=100]
 * </pre>
 */
@Tag("bench")
class HandoverPauseBenchmark {

    private static final Logger log = LoggerFactory.getLogger(HandoverPauseBenchmark.class);

    private final int rate = Integer.getInteger("bench.rate", 1000);
    private final int flips = Integer.getInteger("bench.flips", 10);
    private final int fenceMillis = Integer.getInteger("bench.fenceMillis", 100);
    private final int backendMillis = Integer.getInteger("bench.backendMillis", 2);
    private final int warmupSeconds = Integer.getInteger("bench.warmup", 60);
    private final int flipEverySeconds = Integer.getInteger("bench.flipEvery", 3);
    private final String backend = System.getProperty("bench.backend", "stub");

    private record Sent(long sent, long answered, int status, String error) {
    }

    /** Most writes in flight at once; beyond, the sender skips a write and counts it (the load is then not held). */
    private static final int MAX_IN_FLIGHT = 2_000;

    static {
        // the surefire configuration turns paranoid leak detection on for every test; it would dominate a benchmark
        io.netty.util.ResourceLeakDetector.setLevel(io.netty.util.ResourceLeakDetector.Level.DISABLED);
    }

    @Test
    void measuresTheWritePauseOfFlipsAtASteadyWriteRate() throws Exception {
        String loadBefore = loadAverage();
        StubBackend legacy = null;
        StubBackend core = null;
        Map<String, String> settings = new HashMap<>();
        if ("stub".equals(backend)) {
            legacy = new StubBackend("legacy", Duration.ofMillis(backendMillis));
            core = new StubBackend("core", Duration.ofMillis(backendMillis));
            settings.put("ficus.gateway.legacy-url", legacy.baseUrl());
            settings.put("ficus.gateway.core-url", core.baseUrl());
        }
        try (TwoGateways env = new TwoGateways(settings, !"wiremock-nojournal".equals(backend))) {
            env.backendsAnswer(backendMillis);
            env.adapter.stubFor(post("/ficus/api/sync/fence").willReturn(aResponse().withStatus(200)
                    .withFixedDelay(fenceMillis).withHeader("Content-Type", "application/json")
                    .withBody("{\"direction\":\"LEGACY_TO_CORE\",\"waitedMillis\":" + fenceMillis + ",\"stages\":[]}")));
            await().atMost(Duration.ofSeconds(30)).until(() -> env.bean(0, WriteGate.class).leaseValid()
                    && env.bean(1, WriteGate.class).leaseValid());

            ConcurrentLinkedQueue<Sent> writes = new ConcurrentLinkedQueue<>();
            Map<String, AtomicInteger> warmupOutcomes = new ConcurrentHashMap<>();
            AtomicInteger sequence = new AtomicInteger();
            AtomicInteger completed = new AtomicInteger();
            AtomicInteger skipped = new AtomicInteger();
            AtomicLong measureFrom = new AtomicLong(Long.MAX_VALUE);
            ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor();
            long periodNanos = TimeUnit.SECONDS.toNanos(1) / rate;
            long warmupNanos = TimeUnit.SECONDS.toNanos(warmupSeconds);
            long began = System.nanoTime();
            AtomicLong ticks = new AtomicLong();
            sender.scheduleAtFixedRate(() -> {
                // the warm-up ramps the rate from a tenth to all of it, so the JIT compiles the gateways' hot code
                // before they get the whole load (at the whole rate at once a cold gateway falls behind for good)
                long tick = ticks.incrementAndGet();
                double share = Math.min(1.0, 0.1 + 0.9 * (System.nanoTime() - began) / (double) warmupNanos);
                if ((long) (tick * share) == (long) ((tick - 1) * share)) {
                    return;
                }
                if (sequence.get() - completed.get() >= MAX_IN_FLIGHT) {
                    skipped.incrementAndGet();
                    return;
                }
                int n = sequence.incrementAndGet();
                HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + env.port(n % 2)
                                + "/api/tickets/t" + (n % 100)))
                        .header("X-Request-Id", UUID.randomUUID().toString()).header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(30))
                        .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"title\":\"write " + n + "\"}")).build();
                long sent = System.nanoTime();
                env.http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
                    Sent write = new Sent(sent, System.nanoTime(), error == null ? response.statusCode() : -1,
                            error == null ? null : error.getClass().getSimpleName());
                    if (sent >= measureFrom.get()) {
                        writes.add(write);
                    } else {
                        warmupOutcomes.computeIfAbsent(outcome(write), k -> new AtomicInteger()).incrementAndGet();
                    }
                    completed.incrementAndGet();
                });
            }, 0, periodNanos, TimeUnit.NANOSECONDS);

            Thread.sleep(TimeUnit.SECONDS.toMillis(warmupSeconds));
            measureFrom.set(System.nanoTime());
            long start = System.nanoTime();
            List<Long> pauses = new ArrayList<>();
            List<String> flipLines = new ArrayList<>();
            int refused = 0;
            int noops = 0;
            String mode = "LEGACY";
            for (int i = 0; i < flips; i++) {
                Thread.sleep(TimeUnit.SECONDS.toMillis(flipEverySeconds));
                String target = "LEGACY".equals(mode) ? "NEW" : "LEGACY";
                HttpResponse<String> flip = env.flip(i % 2, "tickets", target, "benchmark flip " + i);
                Optional<String> pause = flip.headers().firstValue(Cutover.Flip.PAUSE_MILLIS);
                if (flip.statusCode() == 200 && pause.isPresent()) {
                    pauses.add(Long.parseLong(pause.get()));
                    mode = target;
                    flipLines.add(String.format("flip %d %s -> %s through gateway %d: pause %s ms (%s)", i,
                            "LEGACY".equals(target) ? "NEW" : "LEGACY", target, i % 2, pause.get(),
                            flip.headers().firstValue(Cutover.Flip.STAGES).orElse("")));
                } else if (flip.statusCode() == 200) {
                    // answered without a handover: the group was in the target mode already, nothing was held
                    noops++;
                    mode = target;
                    flipLines.add(String.format("flip %d to %s: no handover (the group was %s already)", i, target, target));
                } else {
                    refused++;
                    flipLines.add(String.format("flip %d to %s refused: %d %s", i, target, flip.statusCode(), flip.body()));
                    log.warn("flip {} refused: {} {}", i, flip.statusCode(), flip.body());
                }
            }
            Thread.sleep(TimeUnit.SECONDS.toMillis(flipEverySeconds));
            sender.shutdown();
            sender.awaitTermination(10, TimeUnit.SECONDS);
            long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start));
            await().atMost(Duration.ofSeconds(40)).until(() -> completed.get() == sequence.get());

            List<Sent> measured = new ArrayList<>(writes);
            List<Long> latencies = measured.stream().map(w -> TimeUnit.NANOSECONDS.toMicros(w.answered() - w.sent())).sorted().toList();
            long failed = measured.stream().filter(w -> w.status() != 200).count();
            Map<String, Long> outcomes = new TreeMap<>();
            measured.forEach(w -> outcomes.merge(outcome(w), 1L, Long::sum));
            StringBuilder report = new StringBuilder();
            report.append(String.format("handover pause benchmark: %d writes/s offered to %s backends answering after %d ms,"
                            + " %d writes measured in %d s (%.0f/s), %d skipped (more than %d in flight), %d flips (%d handovers,"
                            + " %d refused, %d without a handover), fence answering after %d ms%n",
                    rate, backend, backendMillis, measured.size(), seconds, measured.size() / (double) seconds, skipped.get(),
                    MAX_IN_FLIGHT, flips, pauses.size(), refused, noops, fenceMillis));
            report.append(String.format("load average: before %s, after %s; %d cores%n", loadBefore, loadAverage(),
                    Runtime.getRuntime().availableProcessors()));
            List<Long> sortedPauses = pauses.stream().sorted().toList();
            report.append(String.format("flip pause (coordinator: writes held from DRAINING to DONE), ms: p50 %d, p99 %d, max %d%n",
                    percentile(sortedPauses, 0.50), percentile(sortedPauses, 0.99), percentile(sortedPauses, 1.0)));
            flipLines.forEach(line -> report.append("  ").append(line).append(System.lineSeparator()));
            for (int g = 0; g < 2; g++) {
                MeterRegistry meters = env.bean(g, MeterRegistry.class);
                Timer held = meters.find("ficus.gateway.handover.held").tag("group", "tickets").timer();
                if (held == null) {
                    report.append(String.format("gateway %d: no write waited%n", g));
                    continue;
                }
                double p50 = 0;
                double p99 = 0;
                for (ValueAtPercentile v : held.takeSnapshot().percentileValues()) {
                    if (v.percentile() == 0.5) {
                        p50 = v.value(TimeUnit.MILLISECONDS);
                    } else if (v.percentile() == 0.99) {
                        p99 = v.value(TimeUnit.MILLISECONDS);
                    }
                }
                report.append(String.format("gateway %d: %d writes waited at the gate, held ms: p50 %.0f, p99 %.0f, max %.0f%n", g,
                        held.count(), p50, p99, held.max(TimeUnit.MILLISECONDS)));
            }
            report.append(String.format("client latency of every write, ms: p50 %.1f, p99 %.1f, max %.1f; outcomes %s"
                            + " (warm-up: %s)%n",
                    percentile(latencies, 0.50) / 1000.0, percentile(latencies, 0.99) / 1000.0,
                    percentile(latencies, 1.0) / 1000.0, outcomes, new TreeMap<>(warmupOutcomes)));
            if (legacy != null) {
                report.append(String.format("stub backends: legacy answered %d (slowest %d ms), core answered %d (slowest %d ms)%n",
                        legacy.answered(), legacy.slowest().toMillis(), core.answered(), core.slowest().toMillis()));
            }
            log.info("\n{}", report);
            Files.writeString(Path.of("target", "handover-pause-benchmark.txt"), report.toString());
            assertThat(pauses).as("flips that handed the group over").isNotEmpty();
            assertThat(failed).as("writes not answered 200").isZero();
        } finally {
            if (legacy != null) {
                legacy.close();
                core.close();
            }
        }
    }

    private static String outcome(Sent write) {
        return write.status() >= 0 ? Integer.toString(write.status()) : write.error();
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (Exception e) {
            return "unknown";
        }
    }

    private static long percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int index = (int) Math.ceil(p * sorted.size()) - 1;
        return sorted.get(Math.min(sorted.size() - 1, Math.max(0, index)));
    }
}
