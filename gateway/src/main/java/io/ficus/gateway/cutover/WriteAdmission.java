package io.ficus.gateway.cutover;

import io.ficus.gateway.catalog.CatalogRoute;
import io.ficus.gateway.proxy.ProxyErrorHandler;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.function.Supplier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The proxy's hook into the {@link WriteGate}: a request of a catalog write route is routed only once the gate
 * admits it, and counts as in flight until its exchange ends, however it ends; a write held past the hold timeout
 * gets 503 with {@code Retry-After} in the API's error shape. Everything else passes straight through.
 */
public class WriteAdmission {

    private final WriteGate gate;
    private final Meter.MeterProvider<Timer> held;
    private final Meter.MeterProvider<Counter> refused;

    public WriteAdmission(WriteGate gate, MeterRegistry meters) {
        this.gate = gate;
        this.held = Timer.builder("ficus.gateway.handover.held")
                .description("How long writes that had to wait at a closed gate waited, by group")
                .publishPercentiles(0.5, 0.99)
                .withRegistry(meters);
        this.refused = Counter.builder("ficus.gateway.handover.refused")
                .description("Writes answered 503 because they waited at a closed gate for the hold timeout, by group")
                .withRegistry(meters);
    }

    /**
     * Runs {@code routed} (which takes its routing decision when it runs) now for anything but a write route; for a
     * write route once its group admits it.
     *
     * @param route the request's catalog route, or null when it matches none
     */
    public Mono<Void> admit(CatalogRoute route, ServerWebExchange exchange, Supplier<Mono<Void>> routed) {
        if (route == null || !route.write()) {
            return routed.get();
        }
        String group = route.group();
        return Mono.usingWhen(gate.admit(group),
                        permit -> {
                            if (permit.waited()) {
                                held.withTags("group", group).record(permit.held());
                            }
                            return routed.get();
                        },
                        permit -> Mono.fromRunnable(permit::release),
                        (permit, error) -> Mono.fromRunnable(permit::release),
                        permit -> Mono.fromRunnable(permit::release))
                .onErrorResume(WriteGate.HeldTooLongException.class, e -> {
                    refused.withTags("group", group).increment();
                    exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
                    return ProxyErrorHandler.write(exchange.getResponse(), HttpStatus.SERVICE_UNAVAILABLE,
                            "Writes of this resource are paused while it moves between systems; retry shortly",
                            exchange.getRequest().getPath().value());
                });
    }
}
