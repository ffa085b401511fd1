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
import org.springframework.core.io.buffer.DataBufferUtils;
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
    public static final String REQUEST_ID = io.ficus.contracts.Headers.REQUEST_ID;
    /** Response header naming the system that answered, when enabled. */
    public static final String BACKEND = io.ficus.contracts.Headers.BACKEND;

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
        if (!decision.shadowed() || !shadows.admit(decision.route(), request.getMethod(), decision.backend())) {
            // not shadowed, or shed (counted by the dispatcher): nothing captured, exactly the LEGACY path
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
        String pathAndQuery = request.getURI().getRawPath()
                + (request.getURI().getRawQuery() == null ? "" : "?" + request.getURI().getRawQuery());
        HttpHeaders requestHeaders = HttpHeaders.copyOf(request.getHeaders());
        ShadowExchange pending = new ShadowExchange(decision.route(), requestId, request.getMethod(), pathAndQuery,
                requestHeaders, new byte[0], false, decision.backend(), null, null);
        if (!shadows.preRuns(decision.route(), request.getMethod(), decision.backend()) || !bodyFits(request)) {
            return teed(exchange, chain, request, decision, start, pending);
        }
        // a write of a SHADOW group: the core dry-runs it first, on the state the legacy will see, then it goes on
        return DataBufferUtils.join(request.getBody(), (int) Math.min(Integer.MAX_VALUE, captureLimit))
                .map(joined -> {
                    byte[] bytes = new byte[joined.readableByteCount()];
                    joined.read(bytes);
                    DataBufferUtils.release(joined);
                    return bytes;
                })
                .defaultIfEmpty(new byte[0])
                .flatMap(body -> shadows.preRun(pending.answered(null, null, body, false))
                        .flatMap(pre -> teed(exchange, chain, replayed(request, body, exchange), decision, start,
                                pending.withPreRun(pre))));
    }

    /** Whether the request's body is known to fit the capture limit (a chunked body of unknown length does not). */
    private boolean bodyFits(ServerHttpRequest request) {
        long length = request.getHeaders().getContentLength();
        boolean chunked = request.getHeaders().containsHeader(HttpHeaders.TRANSFER_ENCODING);
        return length <= captureLimit && !(length < 0 && chunked);
    }

    private static ServerHttpRequest replayed(ServerHttpRequest request, byte[] body, ServerWebExchange exchange) {
        return new ServerHttpRequestDecorator(request) {
            @Override
            public Flux<DataBuffer> getBody() {
                return body.length == 0 ? Flux.empty()
                        : Flux.defer(() -> Flux.just(exchange.getResponse().bufferFactory().wrap(body)));
            }
        };
    }

    private Mono<Void> teed(ServerWebExchange exchange, GatewayFilterChain chain, ServerHttpRequest request,
                            Decision decision, long start, ShadowExchange pending) {
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
        return chain.filter(routed).doOnError(e -> routed.getAttributes().put(FAILURE, e)).doFinally(signal -> {
            Throwable failure = routed.getAttribute(FAILURE);
            record(decision, routed, signal, start);
            if (signal == SignalType.CANCEL) {
                shadows.cancelled(decision.route(), decision.backend());
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
            shadows.submit(pending.answered(answer, error, requestBody.bytes(), requestBody.overflowed()));
        });
    }

    private void record(Decision decision, ServerWebExchange exchange, SignalType signal, long start) {
        long nanos = System.nanoTime() - start;
        if (decision.route() != null && decision.backend() == io.ficus.gateway.catalog.Backend.LEGACY
                && !decision.route().reads(exchange.getRequest().getMethod())) {
            shadows.legacyWriteAnswered();
        }
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
