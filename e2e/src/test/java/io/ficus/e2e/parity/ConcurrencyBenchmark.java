package io.ficus.e2e.parity;

import io.ficus.sandbox.App;
import io.ficus.sandbox.Stack;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Throughput and latency of the legacy app and the new core under the contention of
 * {@link ContendedWorkload} (every client on one project), one system at a time on the same
 * machine: a warm-up run, then {@code bench.runs} measured runs each. Set {@code bench.clients}
 * and {@code bench.rounds} to change the load.
 */
@Tag("bench")
class ConcurrencyBenchmark {

    private static final Logger log = LoggerFactory.getLogger(ConcurrencyBenchmark.class);

    @Test
    void coreAndLegacyUnderContention() throws Exception {
        Stack stack = ParityStack.get();
        int clients = Integer.getInteger("bench.clients", 8);
        int rounds = Integer.getInteger("bench.rounds", 25);
        int runs = Integer.getInteger("bench.runs", 3);
        for (App app : List.of(App.LEGACY_APP, App.NEW_CORE)) {
            new ContendedWorkload(stack.config().url(app), clients, 5).run();
        }
        for (int run = 1; run <= runs; run++) {
            for (App app : List.of(App.LEGACY_APP, App.NEW_CORE)) {
                var result = new ContendedWorkload(stack.config().url(app), clients, rounds).run();
                List<Long> sorted = new ArrayList<>(result.latencies());
                Collections.sort(sorted);
                double seconds = result.wallNanos() / 1e9;
                log.info("BENCH run {} {}: {} clients, {} requests in {} s = {} req/s; p50 {} ms, p99 {} ms, max {} ms; statuses {}; violations {}",
                        run, app, clients, result.requests(), String.format("%.2f", seconds),
                        String.format("%.0f", result.requests() / seconds), ms(sorted, 0.50), ms(sorted, 0.99),
                        ms(sorted, 1.0), result.statuses(), result.violations().size());
            }
        }
    }

    private static String ms(List<Long> sorted, double quantile) {
        int index = Math.min(sorted.size() - 1, (int) Math.ceil(quantile * sorted.size()) - 1);
        return String.format("%.1f", sorted.get(Math.max(0, index)) / 1e6);
    }
}
