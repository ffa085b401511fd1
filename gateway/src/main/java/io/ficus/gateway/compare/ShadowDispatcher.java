package io.ficus.gateway.compare;

import io.ficus.gateway.GatewayProperties;
import io.ficus.gateway.catalog.Backend;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.ChannelOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Runs shadow calls and records their comparisons: the same request goes to the backend that did
 * not answer the client (the new core beside the legacy, with writes as a dry run; or the legacy
 * beside the new core, for reads only: a write handed over for the legacy is SKIPPED without a
 * call), and the two answers are compared with the route's rules.
 * Both directions share one bound: at most {@code maxConcurrency} calls run at once and at most
 * {@code queueCapacity} wait, holding at most {@code queueMemory} of captured bodies; anything
 * beyond is dropped and counted ({@code ficus.gateway.shadow.dropped}), so shadowing never holds
 * memory without bound and never delays a client's response.
 *
 * <p>Meters {@code ficus.gateway.comparisons} and {@code ficus.gateway.shadow.dropped} carry a
 * {@code shadow} tag naming the backend shadowed, {@code core} or {@code legacy}.
 */
@Component
public class ShadowDispatcher implements DisposableBean {

    /** Header telling the new core to run a write and roll it back. */
    public static final String DRY_RUN = "X-Ficus-Dry-Run";

    private static final Logger log = LoggerFactory.getLogger(ShadowDispatcher.class);
    private static final Set<String> NOT_FORWARDED = Set.of("host", "content-length", "accept-encoding", "connection",
            "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade",
            "expect");

    private final GatewayProperties.Shadow settings;
    private final String legacyUrl;
    private final String coreUrl;
    private final ComparisonStore store;
    private final MeterRegistry meters;
    private final Comparer comparer;
    private final Redactor redactor;
    private final String secret;
    private final ConnectionProvider connections;
    private final HttpClient client;
    private final ArrayBlockingQueue<ShadowExchange> queue;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong queuedBytes = new AtomicLong();

    public ShadowDispatcher(GatewayProperties properties, GatewaySecret secret, ComparisonStore store, MeterRegistry meters) {
        this.settings = properties.shadow();
        this.legacyUrl = withoutTrailingSlash(properties.legacyUrl().toString());
        this.coreUrl = withoutTrailingSlash(properties.coreUrl().toString());
        this.store = store;
        this.meters = meters;
        this.comparer = new Comparer(settings.compareHeaders());
        this.redactor = new Redactor(settings.redactFields());
        this.secret = secret.gatewaySecret();
        this.connections = ConnectionProvider.builder("ficus-shadow")
                .maxConnections(Math.max(1, settings.maxConcurrency()))
                .maxIdleTime(Duration.ofSeconds(10))
                .evictInBackground(Duration.ofSeconds(5))
                .build();
        this.client = HttpClient.create(connections)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) properties.connectTimeout().toMillis())
                .responseTimeout(settings.timeout());
        this.queue = new ArrayBlockingQueue<>(Math.max(1, settings.queueCapacity()));
        meters.gauge("ficus.gateway.shadow.queue", queue, ArrayBlockingQueue::size);
        meters.gauge("ficus.gateway.shadow.in.flight", inFlight);
        meters.gauge("ficus.gateway.shadow.queue.bytes", queuedBytes);
    }

    /**
     * Hands a shadowed exchange over; returns at once.
     *
     * @return false when the queue was full and the exchange was dropped
     */
    public boolean submit(ShadowExchange exchange) {
        long size = size(exchange);
        if (queuedBytes.addAndGet(size) > settings.queueMemory().toBytes()) {
            queuedBytes.addAndGet(-size);
            return drop(exchange);
        }
        if (!queue.offer(exchange)) {
            queuedBytes.addAndGet(-size);
            return drop(exchange);
        }
        drain();
        return true;
    }

    private static String withoutTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static long size(ShadowExchange exchange) {
        return exchange.requestBody().length + (exchange.answer() == null ? 0 : exchange.answer().body().length);
    }

    private boolean drop(ShadowExchange exchange) {
        meters.counter("ficus.gateway.shadow.dropped", "route", exchange.route().id(), "shadow", exchange.shadow().tag())
                .increment();
        count(exchange, Verdict.SKIPPED);
        return false;
    }

    private void drain() {
        while (true) {
            int running = inFlight.get();
            if (running >= settings.maxConcurrency()) {
                return;
            }
            if (!inFlight.compareAndSet(running, running + 1)) {
                continue;
            }
            ShadowExchange next = queue.poll();
            if (next == null) {
                inFlight.decrementAndGet();
                if (queue.isEmpty()) {
                    return;
                }
                continue;
            }
            queuedBytes.addAndGet(-size(next));
            process(next)
                    .doFinally(signal -> {
                        inFlight.decrementAndGet();
                        drain();
                    })
                    .subscribe(null, e -> log.warn("shadow comparison for {} failed: {}", next.route().id(), e.toString()));
        }
    }

    private Mono<Void> process(ShadowExchange exchange) {
        return outcome(exchange)
                .publishOn(Schedulers.boundedElastic())
                .doOnNext(result -> {
                    store.save(comparison(exchange, result));
                    count(exchange, result.outcome().verdict());
                })
                .then();
    }

    /** The outcome, and the shadowed backend's answer when it gave one. */
    private record Result(Outcome outcome, Answer shadow) {
    }

    private Mono<Result> outcome(ShadowExchange exchange) {
        Backend primary = exchange.primary();
        Backend shadow = exchange.shadow();
        if (shadow == Backend.LEGACY && !exchange.route().reads(exchange.method())) {
            return Mono.just(new Result(Outcome.of(Verdict.SKIPPED, "a write is never sent to the legacy"), null));
        }
        if (exchange.answer() == null) {
            return Mono.just(new Result(Outcome.of(Verdict.ERROR, primary.description() + " failed: " + exchange.error()), null));
        }
        if (exchange.requestOverflowed() || exchange.answer().overflowed()) {
            return Mono.just(new Result(Outcome.of(Verdict.SKIPPED, "a body is larger than the capture limit of "
                    + settings.captureLimit()), null));
        }
        return call(shadow, exchange)
                .map(answer -> answer.overflowed()
                        ? new Result(Outcome.of(Verdict.SKIPPED, shadow.description() + "'s body is larger than the capture"
                                + " limit of " + settings.captureLimit()), answer)
                        : new Result(comparer.compare(exchange.route(), answerOf(Backend.LEGACY, exchange, answer),
                                answerOf(Backend.CORE, exchange, answer)), answer))
                .onErrorResume(e -> Mono.just(new Result(Outcome.of(Verdict.ERROR, shadow.description() + " failed: "
                        + describe(e)), null)));
    }

    /** The answer of one backend: the primary's as captured, or the shadow call's (null when it gave none). */
    private static Answer answerOf(Backend backend, ShadowExchange exchange, Answer shadow) {
        return backend == exchange.primary() ? exchange.answer() : shadow;
    }

    private Mono<Answer> call(Backend target, ShadowExchange exchange) {
        String baseUrl = target == Backend.CORE ? coreUrl : legacyUrl;
        boolean dryRun = target == Backend.CORE && exchange.route().write();
        byte[] body = exchange.requestBody();
        return Mono.defer(() -> {
            long start = System.nanoTime();
            return client
                    .headers(headers -> {
                        exchange.requestHeaders().forEach((name, values) -> {
                            String lower = name.toLowerCase(Locale.ROOT);
                            if (!NOT_FORWARDED.contains(lower) && !lower.startsWith("x-ficus-")) {
                                headers.add(name, values);
                            }
                        });
                        if (dryRun) {
                            headers.set(DRY_RUN, "true");
                            headers.set(GatewaySecret.HEADER, secret);
                        }
                    })
                    .request(io.netty.handler.codec.http.HttpMethod.valueOf(exchange.method().name()))
                    .uri(baseUrl + exchange.pathAndQuery())
                    .send((request, out) -> body.length == 0 ? out : out.sendByteArray(Mono.just(body)))
                    .response((response, content) -> {
                        BodyCapture capture = new BodyCapture(settings.captureLimit().toBytes());
                        return content.asByteArray()
                                .doOnNext(capture::append)
                                .then(Mono.fromSupplier(() -> {
                                    HttpHeaders headers = new HttpHeaders();
                                    response.responseHeaders().forEach(h -> headers.add(h.getKey(), h.getValue()));
                                    return Answer.of(response.status().code(), headers, capture,
                                            Duration.ofNanos(System.nanoTime() - start).toMillis());
                                }));
                    })
                    .next()
                    .timeout(settings.timeout());
        });
    }

    private Comparison comparison(ShadowExchange exchange, Result result) {
        Answer legacy = answerOf(Backend.LEGACY, exchange, result.shadow());
        Answer core = answerOf(Backend.CORE, exchange, result.shadow());
        return new Comparison(0, exchange.route().id(), exchange.requestId(), exchange.method().name(),
                redactor.pathAndQuery(exchange.pathAndQuery()), null, result.outcome().verdict(), exchange.primary(),
                legacy == null ? null : legacy.status(), core == null ? null : core.status(),
                legacy == null ? null : legacy.millis(), core == null ? null : core.millis(),
                redactor.differences(result.outcome().differences()), redactor.text(result.outcome().detail()),
                redactor.headers(exchange.requestHeaders()),
                redactor.requestBody(exchange.requestBody(), exchange.requestHeaders()),
                legacy == null ? null : answerBody(legacy), core == null ? null : answerBody(core));
    }

    private String answerBody(Answer answer) {
        return redactor.body(Comparer.decoded(answer), answer.headers().getFirst(HttpHeaders.CONTENT_TYPE));
    }

    private void count(ShadowExchange exchange, Verdict verdict) {
        meters.counter("ficus.gateway.comparisons", "route", exchange.route().id(), "shadow", exchange.shadow().tag(),
                "verdict", verdict.name()).increment();
    }

    private static String describe(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    @Override
    public void destroy() {
        connections.disposeLater().block(Duration.ofSeconds(5));
    }
}
