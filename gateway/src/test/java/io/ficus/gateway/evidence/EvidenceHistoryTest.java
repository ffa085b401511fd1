package io.ficus.gateway.evidence;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ficus.gateway.GatewayIntegrationTest;
import io.ficus.gateway.catalog.Backend;
import io.ficus.gateway.catalog.Mode;
import io.ficus.gateway.compare.Comparison;
import io.ficus.gateway.compare.ComparisonStore;
import io.ficus.gateway.compare.Verdict;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;

class EvidenceHistoryTest extends GatewayIntegrationTest {

    @Autowired
    private ComparisonStore comparisons;

    @Autowired
    private EvidenceRecorder recorder;

    @Test
    void requestsServedAndShedByManyThreadsWhileTheCountsAreFlushedAreEachCountedOnce() throws Exception {
        String route = "served-race-" + java.util.UUID.randomUUID();
        int threads = 8;
        int each = 5_000;
        var pool = java.util.concurrent.Executors.newFixedThreadPool(threads + 1);
        var start = new java.util.concurrent.CountDownLatch(1);
        var done = new java.util.concurrent.atomic.AtomicBoolean();
        try {
            List<java.util.concurrent.Future<?>> servers = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                servers.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < each; i++) {
                        recorder.served(route, thread % 2 == 0, i % 10 == 0, null);
                        if (i % 4 == 0) {
                            recorder.comparison(route, Verdict.SKIPPED, null, null, null, null, List.of());
                        }
                    }
                    return null;
                }));
            }
            var flushing = pool.submit(() -> {
                start.await();
                while (!done.get()) {
                    recorder.flush();
                }
                return null;
            });
            start.countDown();
            for (var server : servers) {
                server.get();
            }
            done.set(true);
            flushing.get();
        } finally {
            pool.shutdownNow();
        }
        recorder.flush();

        var totals = jdbc.queryForMap("select sum(legacy_requests) legacy, sum(legacy_errors) legacy_errors,"
                + " sum(core_requests) core, sum(core_errors) core_errors, sum(skipped) skipped from evidence_minute"
                + " where route_id = ?", route);
        assertThat(((Number) totals.get("legacy")).longValue()).isEqualTo(threads / 2L * each);
        assertThat(((Number) totals.get("core")).longValue()).isEqualTo(threads / 2L * each);
        assertThat(((Number) totals.get("legacy_errors")).longValue()).isEqualTo(threads / 2L * each / 10);
        assertThat(((Number) totals.get("core_errors")).longValue()).isEqualTo(threads / 2L * each / 10);
        assertThat(((Number) totals.get("skipped")).longValue()).isEqualTo(threads * (long) each / 4);
    }

    @Test
    void tenThousandMatchesDoNotEvictAMismatch() {
        long mismatch = comparisons.save(new Comparison(0, "quota-route", "r", "GET", "/api/x", null, Verdict.MISMATCH,
                Backend.LEGACY, 200, 200, 1L, 1L, List.of(), null, Map.of(), null, "{\"a\":1}", "{\"a\":2}"));
        jdbc.update("insert into comparison (route_id, request_id, method, path, verdict, primary_backend, legacy_status,"
                + " core_status, differences) select 'quota-route', 'm' || n, 'GET', '/api/x', 'MATCH', 'LEGACY', 200, 200, '[]'"
                + " from generate_series(1, 10000) n");

        comparisons.enforceRetention();

        assertThat(comparisons.find(mismatch)).isPresent();
        assertThat(jdbc.queryForObject("select count(*) from comparison where route_id = 'quota-route' and verdict = 'MATCH'",
                Integer.class)).isEqualTo(50);
    }

    @Test
    void countsEveryComparisonPerRouteAndMinuteWithRatesLatenciesAndTheMostFrequentDifferingPaths() {
        setGroup("tickets", Mode.SHADOW, 0);
        legacy.stubFor(get("/api/tickets/h1").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"id\":\"h1\",\"title\":\"Fix\"}")));
        core.stubFor(get("/api/tickets/h1").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"id\":\"h1\",\"title\":\"Fixed\"}")));
        long before = mismatches("tickets-get");

        for (int i = 0; i < 3; i++) {
            client.get().uri("/api/tickets/h1").exchange().expectStatus().isOk();
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> mismatches("tickets-get") >= before + 3);
        client.get().uri("/ficus/api/evidence?window=15m&route=tickets-get")
                .header(HttpHeaders.AUTHORIZATION, viewerAuthorization()).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.window").isEqualTo("PT15M")
                .jsonPath("$.from").isNotEmpty()
                .jsonPath("$.to").isNotEmpty()
                .jsonPath("$.routes.length()").isEqualTo(1)
                .jsonPath("$.routes[0].route").isEqualTo("tickets-get")
                .jsonPath("$.routes[0].group").isEqualTo("tickets")
                .jsonPath("$.routes[0].counts.LAGGED").isNumber()
                .jsonPath("$.routes[0].mismatchRate").value(r -> assertThat(((Number) r).doubleValue()).isPositive())
                // other tests of this shared context fail requests of this route on purpose: a rate, not a zero
                .jsonPath("$.routes[0].legacyErrorRate").value(r -> assertThat(((Number) r).doubleValue()).isBetween(0.0, 1.0))
                .jsonPath("$.routes[0].coreErrorRate").value(r -> assertThat(((Number) r).doubleValue()).isBetween(0.0, 1.0))
                .jsonPath("$.routes[0].coreP99Millis").value(r -> assertThat(((Number) r).doubleValue()).isPositive())
                .jsonPath("$.routes[0].legacyP50Millis").isNumber()
                .jsonPath("$.routes[0].topDifferences[0].path").isEqualTo("$.title")
                .jsonPath("$.routes[0].topDifferences[0].count").value(n -> assertThat(((Number) n).longValue()).isGreaterThanOrEqualTo(3));
        client.get().uri("/ficus/api/evidence/minutes?window=1h&route=tickets-get")
                .header(HttpHeaders.AUTHORIZATION, viewerAuthorization()).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.minutes[0].route").isEqualTo("tickets-get")
                .jsonPath("$.minutes[0].minute").isNotEmpty()
                .jsonPath("$.minutes[0].counts.MISMATCH").isNumber()
                .jsonPath("$.minutes[0].legacyErrors").isNumber()
                .jsonPath("$.minutes[0].coreErrors").isNumber();
    }

    @Test
    void theCountsOfSeveralReplicasAddUp() {
        recorder.comparison("sum-route", Verdict.MATCH, 200, 200, 5L, 7L, List.of());
        recorder.flush();
        recorder.comparison("sum-route", Verdict.MATCH, 200, 200, 5L, 7L, List.of());
        recorder.comparison("sum-route", Verdict.MISMATCH, 200, 200, 5L, 7L, List.of("$.a"));
        recorder.flush();

        assertThat(jdbc.queryForMap("select sum(matches) m, sum(mismatches) x from evidence_minute where route_id = 'sum-route'"))
                .containsEntry("m", java.math.BigDecimal.valueOf(2)).containsEntry("x", java.math.BigDecimal.valueOf(1));
    }

    @Test
    void refusesAWindowItCannotReadWith400() {
        for (String window : List.of("forever", "0m", "8d", "-PT1M")) {
            client.get().uri("/ficus/api/evidence?window=" + window).header(HttpHeaders.AUTHORIZATION, viewerAuthorization())
                    .exchange().expectStatus().isBadRequest()
                    .expectBody().jsonPath("$.message").value(m -> assertThat((String) m).contains("window"));
        }
        client.get().uri("/ficus/api/evidence?route=nope").header(HttpHeaders.AUTHORIZATION, viewerAuthorization())
                .exchange().expectStatus().isNotFound();
    }

    private long mismatches(String route) {
        recorder.flush();
        return jdbc.queryForObject("select coalesce(sum(mismatches), 0) from evidence_minute where route_id = ?", Long.class,
                route);
    }
}
