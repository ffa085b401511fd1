package io.ficus.gateway.proxy;

import io.ficus.gateway.GatewayProperties;
import io.ficus.gateway.catalog.CatalogRoute;
import io.ficus.gateway.catalog.RouteCatalog;
import io.ficus.gateway.compare.Answer;
import io.ficus.gateway.compare.BodyCapture;
import io.ficus.gateway.compare.ShadowDispatcher;
import io.ficus.gateway.compare.ShadowExchange;
import io.ficus.gateway.cutover.WriteAdmission;
import io.ficus.gateway.toggles.ToggleStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.reactivestreams.Publisher;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.NettyWriteResponseFilter;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

/**
 * Decides who answers each proxied request from the toggle snapshot (never the database), adds
 * {@code X-Request-Id} when absent, records {@code ficus.gateway.requests} per route, backend and
 * status, and for shadowed requests (the new core beside the legacy in SHADOW and CANARY, the legacy
 * beside the new core for reads in NEW with shadowed reads) tees both bodies of the answering
 * backend's exchange (up to the capture limit, never holding the stream) and hands the finished
 * exchange to the {@link ShadowDispatcher}, which calls the other backend.
 *
 * <p>Runs before {@link NettyWriteResponseFilter} so that its response decorator sees the body
 * being written.
 */
@Component
public class ModeRoutingFilter implements GlobalFilter, Ordered {

    /** The request id header, added when absent and passed to both backends and back to the client. */
    public static final String REQUEST_ID = "X-Request-Id";
    /** Response header naming the system that answered, when enabled. */
    public static final String BACKEND = "X-Ficus-Backend";

    private static final String FAILURE = ModeRoutingFilter.class.getName() + ".failure";

    private final RouteCatalog catalog;
    private final ToggleStore toggles;
    private final ShadowDispatcher shadows;
    private final RequestTimers requests;
    private final Callers callers;
    private final long captureLimit;
    private final boolean exposeBackend;
    private final WriteAdmission writes;

    public ModeRoutingFilter(RouteCatalog catalog, ToggleStore toggles, ShadowDispatcher shadows, MeterRegistry meters,
                         GatewayProperties properties, WriteAdmission writes) {
        this.writes = writes;
        this.catalog = catalog;
        this.toggles = toggles;
        this.shadows = shadows;
        this.requests = new RequestTimers(meters);
        this.callers = new Callers(properties.trustedProxies());
        this.captureLimit = properties.shadow().captureLimit().toBytes();
        this.exposeBackend = properties.exposeBackendHeader();
    }

    @Override
    public int getOrder() {
        return NettyWriteResponseFilter.WRITE_RESPONSE_FILTER_ORDER - 1;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        long start = System.nanoTime();
        ServerHttpRequest request = exchange.getRequest();
        String requestId = request.getHeaders().getFirst(REQUEST_ID);
        if (requestId == null || requestId.isBlank()) {
            String generated = newRequestId();
            request = request.mutate().headers(h -> h.set(REQUEST_ID, generated)).build();
            requestId = generated;
        }
        exchange.getResponse().getHeaders().set(REQUEST_ID, requestId);

        // a write waits while its group is handed over; the decision is taken when it is admitted
        CatalogRoute route = catalog.match(request.getMethod(), request.getPath().pathWithinApplication()).orElse(null);
        ServerHttpRequest identified = request;
        String id = requestId;
        return writes.admit(route, exchange, () -> routed(exchange, chain, identified, route, id, start));
    }

    private Mono<Void> routed(ServerWebExchange exchange, GatewayFilterChain chain, ServerHttpRequest request,
                              CatalogRoute route, String requestId, long start) {
        Decision decision = decide(route, request);
        exchange.getAttributes().put(Decision.ATTRIBUTE, decision);
        if (exposeBackend) {
            exchange.getResponse().getHeaders().set(BACKEND, decision.backend().tag());
        }
        if (!decision.shadowed()) {
            ServerWebExchange routed = request == exchange.getRequest() ? exchange : exchange.mutate().request(request).build();
            return chain.filter(routed)
                    .doOnError(e -> routed.getAttributes().put(FAILURE, e))
                    .doFinally(signal -> record(decision, routed, signal, start));
        }
        return shadowed(exchange, chain, request, decision, requestId, start);
    }

    Decision decide(CatalogRoute route, ServerHttpRequest request) {
        if (route == null) {
            return Decision.UNMATCHED;
        }
        return Decision.of(route, toggles.snapshot().of(route.id()), request.getMethod(), () -> callers.key(request));
    }

    private Mono<Void> shadowed(ServerWebExchange exchange, GatewayFilterChain chain, ServerHttpRequest request,
                                Decision decision, String requestId, long start) {
        BodyCapture requestBody = new BodyCapture(captureLimit);
        BodyCapture responseBody = new BodyCapture(captureLimit);
        ServerHttpRequest teeRequest = new ServerHttpRequestDecorator(request) {
            @Override
            public Flux<DataBuffer> getBody() {
                return super.getBody().doOnNext(requestBody::append);
            }
        };
        ServerHttpResponse teeResponse = new ServerHttpResponseDecorator(exchange.getResponse()) {
            @Override
            public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
                return super.writeWith(Flux.from(body).doOnNext(responseBody::append));
            }

            @Override
            public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
                return super.writeAndFlushWith(Flux.from(body).map(part -> Flux.from(part).doOnNext(responseBody::append)));
            }
        };
        ServerWebExchange routed = exchange.mutate().request(teeRequest).response(teeResponse).build();
        String pathAndQuery = request.getURI().getRawPath()
                + (request.getURI().getRawQuery() == null ? "" : "?" + request.getURI().getRawQuery());
        HttpHeaders requestHeaders = HttpHeaders.copyOf(request.getHeaders());
        return chain.filter(routed).doOnError(e -> routed.getAttributes().put(FAILURE, e)).doFinally(signal -> {
            Throwable failure = routed.getAttribute(FAILURE);
            record(decision, routed, signal, start);
            if (signal == SignalType.CANCEL) {
                return;
            }
            Answer answer = null;
            String error = null;
            if (signal == SignalType.ON_COMPLETE && routed.getResponse().getStatusCode() != null) {
                answer = new Answer(routed.getResponse().getStatusCode().value(),
                        HttpHeaders.copyOf(routed.getResponse().getHeaders()), responseBody.bytes(),
                        responseBody.overflowed(), millisSince(start));
            } else {
                error = failure == null ? "no answer" : failure.toString();
            }
            shadows.submit(new ShadowExchange(decision.route(), requestId, request.getMethod(), pathAndQuery,
                    requestHeaders, requestBody.bytes(), requestBody.overflowed(), decision.backend(), answer, error));
        });
    }

    private void record(Decision decision, ServerWebExchange exchange, SignalType signal, long start) {
        long nanos = System.nanoTime() - start;
        String route = decision.routeTag();
        if (signal == SignalType.CANCEL) {
            requests.recordCancelled(route, decision.backend(), nanos);
        } else if (signal == SignalType.ON_ERROR) {
            Throwable error = exchange.getAttribute(FAILURE);
            if (error == null) {
                requests.recordError(route, decision.backend(), nanos);
            } else {
                requests.record(route, decision.backend(), ProxyErrorHandler.statusFor(error).value(), nanos);
            }
        } else {
            HttpStatusCode code = exchange.getResponse().getStatusCode();
            requests.record(route, decision.backend(), code == null ? 200 : code.value(), nanos);
        }
    }

    /** A random (version 4) UUID from a fast non-cryptographic source: request ids need uniqueness, not secrecy. */
    static String newRequestId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long most = (random.nextLong() & ~0xF000L) | 0x4000L;
        long least = (random.nextLong() & ~(0xC000000000000000L)) | 0x8000000000000000L;
        return new UUID(most, least).toString();
    }

    private static long millisSince(long start) {
        return Duration.ofNanos(System.nanoTime() - start).toMillis();
    }
}
