package io.ficus.gateway.cutover;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.ficus.gateway.LeakReports;
import io.ficus.gateway.catalog.Mode;
import io.ficus.gateway.catalog.Toggle;
import io.ficus.gateway.toggles.ToggleStore;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Flips of a group's writes between two gateway instances on one database, under a concurrent write load from
 * several clients spread over both.
 */
class TwoGatewaysFlipTest {

    private static final Duration HOLD_TIMEOUT = Duration.ofSeconds(8);
    private static final int CLIENTS = 8;

    private static TwoGateways env;

    @BeforeAll
    static void start() {
        env = new TwoGateways(Map.of(
                "ficus.gateway.handover.poll-interval", "25ms",
                "ficus.gateway.handover.lease", "1s",
                "ficus.gateway.handover.drain-timeout", "4s",
                "ficus.gateway.handover.fence-timeout", "2s",
                "ficus.gateway.handover.hold-timeout", HOLD_TIMEOUT.toMillis() + "ms"));
    }

    @AfterAll
    static void stop() {
        env.close();
        assertThat(LeakReports.collect()).as("Netty buffer leaks").isEmpty();
    }

    @BeforeEach
    void everythingOnTheLegacy() {
        env.restoreDatabase();
        env.admin.update("update route_toggle set mode = 'LEGACY', percent = 0, shadow_reads = false");
        for (int g = 0; g < 2; g++) {
            env.bean(g, ToggleStore.class).refresh();
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> gate(0).leaseValid() && gate(1).leaseValid());
    }

    private static WriteGate gate(int gateway) {
        return env.bean(gateway, WriteGate.class);
    }

    /** Watches both gates and remembers the first instant both held the group's writes. */
    private static final class BothHeld implements AutoCloseable {

        final AtomicLong since = new AtomicLong();
        private volatile boolean running = true;
        private final Thread thread = new Thread(() -> {
            while (running && since.get() == 0) {
                if (gate(0).held("tickets") && gate(1).held("tickets")) {
                    since.set(System.nanoTime());
                }
                LockSupport.parkNanos(1_000_000);
            }
        });

        BothHeld() {
            thread.start();
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.join();
        }
    }

    private static Set<String> requestIds(WireMockServer server) {
        return server.findAll(patchRequestedFor(anyUrl())).stream().map(r -> r.getHeader("X-Request-Id"))
                .collect(Collectors.toSet());
    }

    private static long patches(WireMockServer server) {
        return server.countRequestsMatching(patchRequestedFor(anyUrl()).build()).getCount();
    }

    @Test
    void aWriterFlipUnderLoadSendsEveryHeldWriteToTheCoreAndNoWriteToTheLegacyAfterItsAnswer() throws Exception {
        env.backendsAnswer(5);
        env.adapter.stubFor(post("/ficus/api/sync/fence").willReturn(aResponse().withStatus(200).withFixedDelay(150)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"direction\":\"LEGACY_TO_CORE\",\"waitedMillis\":150,\"stages\":[]}")));
        HttpResponse<String> flip;
        long answered;
        long legacyAtAnswer;
        List<TwoGateways.Write> writes;
        long heldSince;
        try (TwoGateways.Load load = env.new Load(CLIENTS, Duration.ZERO)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> load.writes.size() >= 200);
            try (BothHeld held = new BothHeld()) {
                flip = env.flip(0, "tickets", "NEW", "the core owns tickets");
                answered = System.nanoTime();
                legacyAtAnswer = patches(env.legacy);
                heldSince = held.since.get();
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> load.writes.stream().filter(w -> w.sent() > answered).count() >= 200);
            load.close();
            writes = List.copyOf(load.writes);
        }

        assertThat(flip.statusCode()).as(flip.body()).isEqualTo(200);
        assertThat(flip.headers().firstValue("X-Ficus-Handover-Pause-Millis")).isPresent();
        assertThat(flip.headers().firstValue("X-Ficus-Handover-Stages").orElseThrow()).contains("DRAIN=").contains("FENCE=");
        assertThat(heldSince).as("both gateways held the writes at some point").isPositive();
        assertThat(writes).as("no 502, no failure, no 503").allMatch(w -> w.status() == 200);
        assertThat(writes).as("none waits past the hold timeout").allMatch(w -> w.latency().compareTo(HOLD_TIMEOUT) < 0);
        List<TwoGateways.Write> held = writes.stream().filter(w -> w.sent() > heldSince && w.sent() < answered).toList();
        assertThat(held).as("writes held during the handover").isNotEmpty().allMatch(w -> w.backend().equals("core"));
        assertThat(writes.stream().filter(w -> w.sent() > answered)).allMatch(w -> w.backend().equals("core"));
        assertThat(patches(env.legacy)).as("writes the legacy received after the flip's answer").isEqualTo(legacyAtAnswer);
        Set<String> atLegacy = requestIds(env.legacy);
        Set<String> atCore = requestIds(env.core);
        assertThat(writes).allMatch(w -> w.backend().equals("core") ? atCore.contains(w.requestId()) && !atLegacy.contains(w.requestId())
                : atLegacy.contains(w.requestId()) && !atCore.contains(w.requestId()));
        for (int g = 0; g < 2; g++) {
            assertThat(env.bean(g, ToggleStore.class).snapshot().of("tickets-update")).isEqualTo(new Toggle(Mode.NEW, 0));
        }
    }

    @Test
    void aFlipWhoseSyncFenceTimesOutIsRefusedChangesNothingAndSendsTheHeldWritesToTheLegacy() throws Exception {
        env.backendsAnswer(5);
        env.adapter.stubFor(post("/ficus/api/sync/fence").willReturn(aResponse().withStatus(504).withFixedDelay(300)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"status\":504,\"message\":\"the core is 812 changes behind\"}")));
        HttpResponse<String> flip;
        List<TwoGateways.Write> writes;
        long heldSince;
        long answered;
        try (TwoGateways.Load load = env.new Load(CLIENTS, Duration.ZERO)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> load.writes.size() >= 200);
            try (BothHeld held = new BothHeld()) {
                flip = env.flip(1, "tickets", "NEW", "too early");
                answered = System.nanoTime();
                heldSince = held.since.get();
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> load.writes.stream().filter(w -> w.sent() > answered).count() >= 100);
            load.close();
            writes = List.copyOf(load.writes);
        }

        assertThat(flip.statusCode()).isEqualTo(409);
        assertThat(flip.body()).contains("FENCE").contains("812 changes behind").contains("toggles unchanged");
        assertThat(heldSince).isPositive();
        assertThat(writes).allMatch(w -> w.status() == 200 && w.backend().equals("legacy"));
        assertThat(writes.stream().filter(w -> w.sent() > heldSince && w.sent() < answered)).isNotEmpty();
        assertThat(patches(env.core)).isZero();
        for (int g = 0; g < 2; g++) {
            assertThat(env.bean(g, ToggleStore.class).snapshot().of("tickets-update")).isEqualTo(Toggle.LEGACY);
        }
        assertThat(env.admin.queryForObject("select count(*) from route_toggle where route_id like 'tickets-%' and mode <> 'LEGACY'",
                Integer.class)).isZero();
    }

    @Test
    void aGatewayThatLostItsDatabaseHoldsWritesButAnswersReadsUntilItIsBack() throws Exception {
        env.backendsAnswer(0);
        assertThat(send(1, "PATCH", "/api/tickets/t1").join().statusCode()).isEqualTo(200);

        env.cutDatabase();
        await().atMost(Duration.ofSeconds(10)).until(() -> !gate(1).leaseValid());
        CompletableFuture<HttpResponse<String>> held = send(1, "PATCH", "/api/tickets/t1");

        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> !held.isDone());
        assertThat(send(1, "GET", "/api/tickets/t1").join().statusCode()).as("reads are never held").isEqualTo(200);
        assertThat(send(0, "PATCH", "/api/tickets/t1").join().statusCode()).as("the other gateway still writes").isEqualTo(200);

        env.restoreDatabase();

        assertThat(held).succeedsWithin(HOLD_TIMEOUT);
        assertThat(held.join().statusCode()).isEqualTo(200);
    }

    private static CompletableFuture<HttpResponse<String>> send(int gateway, String method, String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + env.port(gateway) + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString("{\"title\":\"x\"}"))
                .build();
        return env.http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }
}
