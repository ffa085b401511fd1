package io.ficus.gateway.admin;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/** Live figures of a route on this instance, read from the gateway's meters. */
@Component
class RouteFigures {

    private final MeterRegistry meters;

    RouteFigures(MeterRegistry meters) {
        this.meters = meters;
    }

    /**
     * Requests, errors and latency of one backend.
     *
     * @param requests   requests answered
     * @param errors     of which 5xx or failed
     * @param meanMillis mean latency
     * @param maxMillis  maximum latency in the recent window
     */
    record BackendFigures(long requests, long errors, double meanMillis, double maxMillis) {
    }

    /**
     * Figures of one route.
     *
     * @param backends figures by backend ({@code legacy}, {@code core})
     * @param verdicts comparison verdicts and their counts
     */
    record Figures(Map<String, BackendFigures> backends, Map<String, Long> verdicts) {
    }

    Figures of(String routeId) {
        Map<String, BackendFigures> backends = new TreeMap<>();
        for (Timer timer : meters.find("ficus.gateway.requests").tag("route", routeId).timers()) {
            String backend = timer.getId().getTag("backend");
            String status = timer.getId().getTag("status");
            boolean error = status == null || !Character.isDigit(status.charAt(0)) || status.startsWith("5");
            BackendFigures sum = backends.getOrDefault(backend, new BackendFigures(0, 0, 0, 0));
            long count = sum.requests() + timer.count();
            double total = sum.meanMillis() * sum.requests() + timer.totalTime(TimeUnit.MILLISECONDS);
            backends.put(backend, new BackendFigures(count, sum.errors() + (error ? timer.count() : 0),
                    count == 0 ? 0 : total / count, Math.max(sum.maxMillis(), timer.max(TimeUnit.MILLISECONDS))));
        }
        Map<String, Long> verdicts = new TreeMap<>();
        for (Counter counter : meters.find("ficus.gateway.comparisons").tag("route", routeId).counters()) {
            verdicts.merge(counter.getId().getTag("verdict"), (long) counter.count(), Long::sum);
        }
        return new Figures(backends, verdicts);
    }
}
