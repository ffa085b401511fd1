package io.ficus.gateway.compare;

import io.ficus.gateway.GatewayProperties;
import io.ficus.gateway.catalog.Backend;
import io.ficus.gateway.catalog.CatalogRoute;
import org.springframework.http.HttpMethod;
import io.micrometer.core.instrument.Counter;
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
import io.ficus.gateway.evidence.EvidenceProperties;
import io.ficus.gateway.evidence.EvidenceRecorder;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

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
 * <p>None of it runs on the threads that serve clients: the shadow calls have their own event loop
 * ({@code ficus-shadow}, one thread), which also starts them from the queue and compares the answers;
 * redaction and storage run on {@code ficus-shadow-evidence}. What reaches the client's path is
 * {@link #admit} (a rate permit per route, {@code max-rate}, and a look at the queue: a shed request is
 * proxied exactly as in LEGACY, nothing captured) and {@link #submit} (an offer to the queue).
 *
 * <p>Meters {@code ficus.gateway.comparisons} and {@code ficus.gateway.shadow.dropped} carry a
 * {@code shadow} tag naming the backend shadowed, {@code core} or {@code legacy};
 * {@code ficus.gateway.shadow.shed} counts every request not compared for want of capacity, by
 * {@code reason}: {@code rate}, {@code queue}, {@code memory}, {@code slots} (a held write found every
 * call slot busy), {@code cancelled} (the client left before its answer was complete). Each is also a SKIPPED
 * comparison in the evidence.
 */
@Component
public class ShadowDispatcher implements DisposableBean {

    /** Header telling the new core to run a write and roll it back. */
    public static final String DRY_RUN = io.ficus.contracts.Headers.DRY_RUN;

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
    /** Shadow calls after the answer: on their own event loop, never on the threads that serve clients. */
    private final HttpClient client;
    private final LoopResources loops;
    /** The shadow event loop, where queued calls are started. */
    private final Executor dispatch;
    /** Redaction and storage of comparisons. */
    private final Scheduler evidenceWork;
    /** Dry runs of held writes (on the client's path by design): the server's event loops, like the proxied call. */
    private final ConnectionProvider dryRunConnections;
    private final HttpClient dryRunClient;
    private final RateLimiterConfig rate;
    private final Map<String, RateLimiter> rates = new ConcurrentHashMap<>();
    private final Map<ShedKey, Counter[]> shedCounters = new ConcurrentHashMap<>();

    private record ShedKey(String route, Backend shadow, String reason) {
    }
    private final ArrayBlockingQueue<Pending> queue;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger waiting = new AtomicInteger();
    private final SyncWatermark watermark;
    private final EvidenceRecorder evidence;
    private final Duration watermarkTimeout;
    private final int matchSampleEvery;
    private final Duration writeRaceMargin;
    /** When the legacy last answered a write (any mode), told by the routing filter: what a held write waits past. */
    private final AtomicLong lastLegacyWrite = new AtomicLong(Long.MIN_VALUE);
    /**
     * When the last dry-run write after the answer (write-hold 0) was answered: kept apart from {@link #lastLegacyWrite},
     * which the routing filter already moved to this very write before it is submitted.
     */
    private final AtomicLong lastDryRunAnswered = new AtomicLong(Long.MIN_VALUE);
    private IgnoreRules ignoreRules;
    private int noiseSampleEvery;
    private final AtomicLong noiseSamples = new AtomicLong();
    private final java.util.Map<String, Integer> noiseSeen = new java.util.concurrent.ConcurrentHashMap<>();
    private final AtomicLong matches = new AtomicLong(-1);
    private final Meter.MeterProvider<Timer> waits;
    private final AtomicLong queuedBytes = new AtomicLong();
    private Duration writeHold = Duration.ZERO;
    private Duration fenceMaxAge = Duration.ofSeconds(1);
    private int recheckRounds;
    /** Until when ({@link System#nanoTime()}) writes are not held: the sync was last seen behind by more than the hold. */
    private volatile long holdOffUntil = System.nanoTime();

    /** A dispatcher that does not wait for the sync and records no evidence history (for tests of the comparison alone). */
    public ShadowDispatcher(GatewayProperties properties, GatewaySecret secret, ComparisonStore store, MeterRegistry meters) {
        this(properties, secret, store, meters, null, null, Duration.ZERO, 1, Duration.ZERO);
    }

    public ShadowDispatcher(GatewayProperties properties, GatewaySecret secret, ComparisonStore store, MeterRegistry meters,
                            SyncWatermark watermark, EvidenceRecorder evidence, EvidenceProperties evidenceProperties) {
        this(properties, secret, store, meters, watermark, evidence, evidenceProperties, null);
    }

    @Autowired
    public ShadowDispatcher(GatewayProperties properties, GatewaySecret secret, ComparisonStore store, MeterRegistry meters,
                            SyncWatermark watermark, EvidenceRecorder evidence, EvidenceProperties evidenceProperties,
                            IgnoreRules ignoreRules) {
        this(properties, secret, store, meters, watermark, evidence, evidenceProperties.watermarkTimeout(),
                Math.max(1, evidenceProperties.matchSampleEvery()), evidenceProperties.writeRaceMargin());
        this.ignoreRules = ignoreRules;
        this.noiseSampleEvery = evidenceProperties.noiseSampleEvery();
        this.writeHold = evidenceProperties.writeHold() == null ? Duration.ZERO : evidenceProperties.writeHold();
        this.fenceMaxAge = evidenceProperties.fenceMaxAge() == null ? Duration.ofSeconds(1) : evidenceProperties.fenceMaxAge();
        this.recheckRounds = Math.max(0, evidenceProperties.recheckRounds());
        this.meters.gauge("ficus.gateway.shadow.hold.off", this, d -> d.holdOff() ? 1 : 0);
    }

    private boolean holdOff() {
        return System.nanoTime() - holdOffUntil < 0;
    }

    private ShadowDispatcher(GatewayProperties properties, GatewaySecret secret, ComparisonStore store, MeterRegistry meters,
                             SyncWatermark watermark, EvidenceRecorder evidence, Duration watermarkTimeout,
                             int matchSampleEvery, Duration writeRaceMargin) {
        this.writeRaceMargin = writeRaceMargin;
        this.matchSampleEvery = matchSampleEvery;
        this.watermark = watermark;
        this.evidence = evidence;
        this.watermarkTimeout = watermarkTimeout;
        this.waits = Timer.builder("ficus.gateway.shadow.wait")
                .description("How long shadow calls waited for the sync watermark, by shadowed system and outcome"
                        + " (reached, lagged)")
                .publishPercentiles(0.5, 0.99)
                .withRegistry(meters);
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
        this.loops = LoopResources.create("ficus-shadow", 1, true);
        this.dispatch = loops.onClient(LoopResources.DEFAULT_NATIVE).next();
        this.client = HttpClient.create(connections)
                .runOn(loops)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) properties.connectTimeout().toMillis())
                .responseTimeout(settings.timeout());
        this.evidenceWork = Schedulers.newBoundedElastic(2, Integer.MAX_VALUE, "ficus-shadow-evidence", 60, true);
        this.dryRunConnections = ConnectionProvider.builder("ficus-dry-run")
                .maxConnections(Math.max(1, settings.maxConcurrency()))
                .maxIdleTime(Duration.ofSeconds(10))
                .evictInBackground(Duration.ofSeconds(5))
                .build();
        this.dryRunClient = HttpClient.create(dryRunConnections)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) properties.connectTimeout().toMillis())
                .responseTimeout(settings.timeout());
        int maxRate = settings.maxRate();
        this.rate = maxRate <= 0 ? null : RateLimiterConfig.custom()
                // permits in tenths of a second, so a burst at the start of a second does not take the whole second's
                .limitRefreshPeriod(maxRate >= 10 ? Duration.ofMillis(100) : Duration.ofSeconds(1))
                .limitForPeriod(maxRate >= 10 ? (maxRate + 9) / 10 : maxRate)
                .timeoutDuration(Duration.ZERO)
                .build();
        this.queue = new ArrayBlockingQueue<>(Math.max(1, settings.queueCapacity()));
        meters.gauge("ficus.gateway.shadow.queue", queue, ArrayBlockingQueue::size);
        meters.gauge("ficus.gateway.shadow.in.flight", inFlight);
        meters.gauge("ficus.gateway.shadow.queue.bytes", queuedBytes);
    }

    /**
     * Whether a shadowed request is to be compared, asked before anything of it is captured: not when its route used
     * up its {@code max-rate} permits of this instant, nor when the queue is full. A request not admitted is counted
     * ({@code ficus.gateway.shadow.shed}, a SKIPPED comparison) and goes on exactly as an unshadowed one. Writes held
     * for a dry run ({@link #preRuns}) are always admitted: their correctness is why they are held.
     */
    public boolean admit(CatalogRoute route, HttpMethod method, Backend primary) {
        if (preRuns(route, method, primary)) {
            return true;
        }
        Backend shadow = primary.other();
        if (queue.remainingCapacity() == 0) {
            shed(route.id(), shadow, "queue");
            return false;
        }
        if (rate != null && !permits(route.id()).acquirePermission()) {
            shed(route.id(), shadow, "rate");
            return false;
        }
        return true;
    }

    private RateLimiter permits(String route) {
        RateLimiter permits = rates.get(route);
        return permits != null ? permits : rates.computeIfAbsent(route, id -> RateLimiter.of("ficus-shadow-" + id, rate));
    }

    /**
     * Counts a shadowed exchange the client abandoned before its answer was complete (no answer to compare): shed
     * with reason {@code cancelled}, a SKIPPED comparison, so every admitted request is either compared or counted.
     */
    public void cancelled(CatalogRoute route, Backend primary) {
        shed(route.id(), primary.other(), "cancelled");
    }

    /**
     * Counts a request not compared. Runs on the client's path for every shed request, so its two counters are looked
     * up in the registry once per route, shadow and reason, not on each call.
     */
    private void shed(String route, Backend shadow, String reason) {
        for (Counter counter : shedCounters.computeIfAbsent(new ShedKey(route, shadow, reason), key -> new Counter[] {
                meters.counter("ficus.gateway.shadow.shed", "route", route, "shadow", shadow.tag(), "reason", reason),
                meters.counter("ficus.gateway.comparisons", "route", route, "shadow", shadow.tag(), "verdict",
                        Verdict.SKIPPED.name())})) {
            counter.increment();
        }
        if (evidence != null) {
            evidence.comparison(route, Verdict.SKIPPED, null, null, null, null, List.of());
        }
    }

    /**
     * Hands a shadowed exchange over; returns at once.
     *
     * @return false when the queue was full and the exchange was dropped
     */
    public boolean submit(ShadowExchange exchange) {
        long answeredAt = System.nanoTime();
        long size = size(exchange);
        if (queuedBytes.addAndGet(size) > settings.queueMemory().toBytes()) {
            queuedBytes.addAndGet(-size);
            return drop(exchange, "memory");
        }
        if (exchange.preRun() != null) {
            return enqueue(new Pending(exchange, false, answeredAt), size);
        }
        SyncWatermark.Direction direction = waitsFor(exchange);
        long since = answeredAt;
        if (direction != null && dryRun(exchange)) {
            // a dry run needs what the legacy committed before this write arrived, not this write itself: it waits only
            // for the writes answered before, and the fence for this one starts now, for the next
            long previous = lastDryRunAnswered.getAndAccumulate(answeredAt, Math::max);
            watermark.reached(direction, answeredAt).subscribe();
            if (previous == Long.MIN_VALUE) {
                return enqueue(new Pending(exchange, false, answeredAt), size);
            }
            since = previous;
        }
        if (direction == null) {
            return enqueue(new Pending(exchange, false, answeredAt), size);
        }
        if (waiting.incrementAndGet() > settings.queueCapacity()) {
            waiting.decrementAndGet();
            queuedBytes.addAndGet(-size);
            return drop(exchange, "queue");
        }
        watermark.reached(direction, since)
                .timeout(watermarkTimeout, Mono.just(Boolean.FALSE))
                .onErrorReturn(Boolean.FALSE)
                .subscribe(reached -> {
                    waiting.decrementAndGet();
                    waits.withTags("shadow", exchange.shadow().tag(), "outcome", reached ? "reached" : "lagged")
                            .record(Duration.ofNanos(System.nanoTime() - answeredAt));
                    enqueue(new Pending(exchange, !reached, answeredAt), size);
                });
        return true;
    }

    /**
     * The sync a shadow call must wait for, or null: a read waits until the shadowed system applied everything the
     * answering one had committed when it answered; nothing waits without a configured fence, nor when nothing will
     * be called.
     */
    private SyncWatermark.Direction waitsFor(ShadowExchange exchange) {
        if (watermark == null || !watermark.enabled() || exchange.answer() == null
                || !exchange.route().reads(exchange.method()) && !dryRun(exchange)) {
            return null;
        }
        return exchange.shadow() == Backend.CORE ? SyncWatermark.Direction.LEGACY_TO_CORE
                : SyncWatermark.Direction.CORE_TO_LEGACY;
    }

    private boolean enqueue(Pending pending, long size) {
        if (!queue.offer(pending)) {
            queuedBytes.addAndGet(-size);
            return drop(pending.exchange(), "queue");
        }
        drain();
        return true;
    }

    /**
     * An exchange waiting for a call slot.
     *
     * @param lagged whether the shadowed system did not reach the watermark in time: LAGGED without a call
     */
    private record Pending(ShadowExchange exchange, boolean lagged, long answeredAt) {
    }

    /** Whether the shadow call is a write's dry run on the new core. */
    private static boolean dryRun(ShadowExchange exchange) {
        return exchange.shadow() == Backend.CORE && !exchange.route().reads(exchange.method());
    }

    private static String withoutTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static long size(ShadowExchange exchange) {
        return exchange.requestBody().length + (exchange.answer() == null ? 0 : exchange.answer().body().length);
    }

    private boolean drop(ShadowExchange exchange, String reason) {
        meters.counter("ficus.gateway.shadow.dropped", "route", exchange.route().id(), "shadow", exchange.shadow().tag())
                .increment();
        shed(exchange.route().id(), exchange.shadow(), reason);
        return false;
    }

    /**
     * Starts queued exchanges while call slots are free. Runs wherever a slot or an exchange appeared (on a client's
     * thread only to poll the queue and hand the exchange over): each exchange's call is built, sent and compared on
     * the shadow event loop.
     */
    private void drain() {
        while (acquireSlot()) {
            Pending next = queue.poll();
            if (next == null) {
                inFlight.decrementAndGet();
                if (queue.isEmpty()) {
                    return;
                }
                continue;
            }
            queuedBytes.addAndGet(-size(next.exchange()));
            dispatch.execute(() -> start(next));
        }
    }

    private void start(Pending next) {
        process(next)
                .doFinally(signal -> {
                    inFlight.decrementAndGet();
                    drain();
                })
                .subscribe(null, e -> log.warn("shadow comparison of request {} ({}) failed: {}",
                        next.exchange().requestId(), next.exchange().route().id(), e.toString()));
    }

    private Mono<Void> process(Pending pending) {
        ShadowExchange exchange = pending.exchange();
        Mono<Result> outcome = pending.lagged()
                ? Mono.just(new Result(Outcome.of(Verdict.LAGGED, exchange.shadow().description() + " had not applied every"
                        + " change " + exchange.primary().description() + " had committed when it answered within "
                        + watermarkTimeout.toMillis() + " ms (the sync lagged); not compared"), null))
                : exchange.preRun() != null ? Mono.just(preRunOutcome(exchange))
                : outcome(exchange).map(result -> raced(pending, result))
                        .flatMap(result -> settled(exchange, exchange.answer(), result, 1));
        return outcome
                .publishOn(evidenceWork)
                .doOnNext(result -> {
                    Comparison comparison = comparison(exchange, result);
                    if (result.outcome().verdict() != Verdict.MATCH || matches.incrementAndGet() % matchSampleEvery == 0) {
                        store.save(comparison);
                    }
                    count(exchange, result.outcome().verdict());
                    record(exchange, result, comparison);
                    if (result.outcome().verdict() == Verdict.MATCH || result.outcome().verdict() == Verdict.MISMATCH) {
                        sampleNoise(exchange);
                    }
                })
                .then();
    }

    /**
     * A dry run that ended more than {@code write-race-margin} after the legacy answered may have run on a core that had
     * already applied the legacy's own write (its sync takes at least that long): LAGGED rather than compared.
     */
    private Result raced(Pending pending, Result result) {
        if (watermark == null || !watermark.enabled() || !dryRun(pending.exchange()) || result.shadow() == null) {
            return result;
        }
        long late = System.nanoTime() - pending.answeredAt();
        if (late <= writeRaceMargin.toNanos()) {
            return result;
        }
        return new Result(Outcome.of(Verdict.LAGGED, "the dry run ended " + Duration.ofNanos(late).toMillis()
                + " ms after the legacy answered, later than " + writeRaceMargin.toMillis() + " ms: the core may have"
                + " applied the legacy's own write already (the sync lagged); not compared"), result.shadow());
    }

    private void record(ShadowExchange exchange, Result result, Comparison comparison) {
        if (evidence == null) {
            return;
        }
        evidence.comparison(exchange.route().id(), result.outcome().verdict(), comparison.legacyStatus(),
                comparison.coreStatus(), comparison.legacyMillis(), comparison.coreMillis(),
                comparison.differences().stream().map(Difference::path).toList());
        Verdict verdict = result.outcome().verdict();
        if (verdict != Verdict.LAGGED && verdict != Verdict.SKIPPED) {
            Integer status = exchange.shadow() == Backend.CORE ? comparison.coreStatus() : comparison.legacyStatus();
            evidence.served(exchange.route().id(), exchange.shadow() == Backend.CORE, status == null || status >= 500,
                    null);
        }
    }

    /**
     * The outcome, the shadowed backend's answer when it gave one, and the primary's answer it was compared with (null:
     * the one the client got).
     */
    private record Result(Outcome outcome, Answer shadow, Answer primary) {

        Result(Outcome outcome, Answer shadow) {
            this(outcome, shadow, null);
        }
    }

    /**
     * Whether a write of {@code route} answered by {@code primary} is dry-run on the new core before it goes to the
     * legacy ({@link #preRun}): writes of SHADOW groups, when a hold is configured and the sync watermark is known.
     */
    public boolean preRuns(CatalogRoute route, HttpMethod method, Backend primary) {
        return !writeHold.isZero() && !writeHold.isNegative() && watermark != null && watermark.enabled()
                && primary == Backend.LEGACY && route != null && !route.reads(method);
    }

    /**
     * The new core's dry run of a write, made before the legacy takes it, so both see the same state: waits (holding
     * the client's write, at most {@code write-hold} for all of it) until the core applied every change the legacy
     * committed before, then dry-runs the write. Never fails: what went wrong is in the result, and the write then
     * goes on. While the sync is known to be behind by more than the hold, writes are not held (LAGGED) until a fence
     * passes again, so a stuck sync slows no client by more than one hold.
     */
    public Mono<PreRun> preRun(ShadowExchange write) {
        long arrived = System.nanoTime();
        if (holdOff()) {
            watermark.reached(SyncWatermark.Direction.LEGACY_TO_CORE, arrived)
                    .subscribe(ok -> {
                        if (ok) {
                            holdOffUntil = System.nanoTime();
                        }
                    });
            return Mono.just(held(arrived, "lagged", PreRun.notMade(Verdict.LAGGED, "the new core was behind the legacy"
                    + " by more than write-hold (" + writeHold.toMillis() + " ms) at an earlier write: writes are not held"
                    + " until the sync catches up; not compared")));
        }
        long since = Math.max(lastLegacyWrite.get(), arrived - fenceMaxAge.toNanos());
        return watermark.reached(SyncWatermark.Direction.LEGACY_TO_CORE, since)
                .timeout(writeHold, Mono.just(Boolean.FALSE))
                .onErrorReturn(Boolean.FALSE)
                .flatMap(reached -> {
                    waits.withTags("shadow", Backend.CORE.tag(), "outcome", reached ? "reached" : "lagged")
                            .record(Duration.ofNanos(System.nanoTime() - arrived));
                    if (!reached) {
                        holdOffUntil = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                        return Mono.just(held(arrived, "lagged", PreRun.notMade(Verdict.LAGGED, "the new core had not"
                                + " applied every change the legacy had committed within write-hold ("
                                + writeHold.toMillis() + " ms; the sync lagged); not compared")));
                    }
                    if (!acquireSlot()) {
                        meters.counter("ficus.gateway.shadow.dropped", "route", write.route().id(), "shadow",
                                Backend.CORE.tag()).increment();
                        meters.counter("ficus.gateway.shadow.shed", "route", write.route().id(), "shadow",
                                Backend.CORE.tag(), "reason", "slots").increment();
                        return Mono.just(held(arrived, "skipped", PreRun.notMade(Verdict.SKIPPED,
                                "every shadow call slot was busy")));
                    }
                    Duration left = writeHold.minus(Duration.ofNanos(System.nanoTime() - arrived));
                    Duration bound = left.compareTo(Duration.ofSeconds(2)) < 0 ? Duration.ofSeconds(2) : left;
                    return call(dryRunClient, Backend.CORE, write)
                            .timeout(bound)
                            .map(answer -> held(arrived, "compared", PreRun.answered(answer)))
                            .onErrorResume(java.util.concurrent.TimeoutException.class, e -> Mono.just(held(arrived,
                                    "skipped", PreRun.notMade(Verdict.SKIPPED, "the core's dry run took longer than the "
                                            + bound.toMillis() + " ms the write could still be held; the write went on"
                                            + " without it"))))
                            .onErrorResume(e -> Mono.just(held(arrived, "failed", PreRun.failed(
                                    Backend.CORE.description() + " failed: " + describe(e)))))
                            .doFinally(signal -> {
                                inFlight.decrementAndGet();
                                drain();
                            });
                });
    }

    private PreRun held(long arrived, String outcome, PreRun result) {
        Timer.builder("ficus.gateway.shadow.hold")
                .description("How long writes of SHADOW groups were held before going to the legacy, while the new core"
                        + " caught up and dry-ran them, by outcome (compared, lagged, skipped, failed)")
                .publishPercentiles(0.5, 0.99)
                .tag("outcome", outcome)
                .register(meters)
                .record(Duration.ofNanos(System.nanoTime() - arrived));
        return result;
    }

    private boolean acquireSlot() {
        while (true) {
            int running = inFlight.get();
            if (running >= settings.maxConcurrency()) {
                return false;
            }
            if (inFlight.compareAndSet(running, running + 1)) {
                return true;
            }
        }
    }

    /** Tells that the legacy answered a write: held writes after it wait for a fence that started later. */
    public void legacyWriteAnswered() {
        lastLegacyWrite.accumulateAndGet(System.nanoTime(), Math::max);
    }

    /** The comparison of a write's dry run made before the legacy took it with the legacy's answer. */
    private Result preRunOutcome(ShadowExchange exchange) {
        PreRun pre = exchange.preRun();
        if (pre.notCompared() != null) {
            return new Result(Outcome.of(pre.notCompared(), pre.detail()), null);
        }
        if (exchange.answer() == null) {
            return new Result(Outcome.of(Verdict.ERROR, exchange.primary().description() + " failed: " + exchange.error()),
                    pre.answer());
        }
        if (pre.answer() == null) {
            return new Result(Outcome.of(Verdict.ERROR, pre.error()), null);
        }
        if (exchange.requestOverflowed() || exchange.answer().overflowed() || pre.answer().overflowed()) {
            return new Result(Outcome.of(Verdict.SKIPPED, "a body is larger than the capture limit of "
                    + settings.captureLimit()), pre.answer());
        }
        return new Result(comparer.compare(exchange.route(), moreIgnored(exchange), exchange.answer(), pre.answer()),
                pre.answer());
    }

    /**
     * A read whose answers differ is checked against the sync, since the shadowed system answered later than the
     * primary: the primary is asked again. The shadowed system's state then lies between the two answers of the
     * primary (at or after the first by the watermark, and it cannot be ahead of the system whose changes it applies),
     * so when the primary's answer did not change the difference is real. When it changed, a later write moved the
     * state: both are asked again at the newer state, at most {@code recheck-rounds} times, else LAGGED.
     */
    private Mono<Result> settled(ShadowExchange exchange, Answer before, Result result, int round) {
        if (result.outcome().verdict() != Verdict.MISMATCH || recheckRounds == 0 || watermark == null
                || !watermark.enabled() || dryRun(exchange) || !exchange.route().reads(exchange.method())) {
            return Mono.just(result);
        }
        SyncWatermark.Direction direction = exchange.shadow() == Backend.CORE ? SyncWatermark.Direction.LEGACY_TO_CORE
                : SyncWatermark.Direction.CORE_TO_LEGACY;
        return call(exchange.primary(), exchange)
                .flatMap(after -> {
                    if (after.overflowed() || comparer.compare(exchange.route(), moreIgnored(exchange), before, after)
                            .verdict() == Verdict.MATCH) {
                        return Mono.just(new Result(result.outcome(), result.shadow(), before));
                    }
                    if (round >= recheckRounds) {
                        return Mono.just(new Result(Outcome.of(Verdict.LAGGED, exchange.primary().description()
                                + "'s answer changed " + round + " times while " + exchange.shadow().description()
                                + " was asked (later writes kept moving the state); not compared"), result.shadow(), after));
                    }
                    long since = System.nanoTime();
                    return watermark.reached(direction, since)
                            .timeout(watermarkTimeout, Mono.just(Boolean.FALSE))
                            .onErrorReturn(Boolean.FALSE)
                            .flatMap(reached -> !reached
                                    ? Mono.just(new Result(Outcome.of(Verdict.LAGGED, exchange.shadow().description()
                                            + " did not catch up within " + watermarkTimeout.toMillis() + " ms when the"
                                            + " answers were compared again; not compared"), result.shadow(), after))
                                    : call(exchange.shadow(), exchange).flatMap(again -> settled(exchange, after,
                                            new Result(exchange.primary() == Backend.LEGACY
                                                    ? comparer.compare(exchange.route(), moreIgnored(exchange), after, again)
                                                    : comparer.compare(exchange.route(), moreIgnored(exchange), again, after),
                                                    again, after), round + 1)));
                })
                .onErrorResume(e -> Mono.just(new Result(Outcome.of(Verdict.LAGGED, "the difference could not be checked"
                        + " against the sync (" + describe(e) + "); not compared"), result.shadow())));
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
                        : new Result(comparer.compare(exchange.route(), moreIgnored(exchange),
                                answerOf(Backend.LEGACY, exchange, answer), answerOf(Backend.CORE, exchange, answer)), answer))
                .onErrorResume(e -> Mono.just(new Result(Outcome.of(Verdict.ERROR, shadow.description() + " failed: "
                        + describe(e)), null)));
    }

    private List<String> moreIgnored(ShadowExchange exchange) {
        return ignoreRules == null ? List.of() : ignoreRules.of(exchange.route().id());
    }

    /**
     * Learned noise: one shadowed legacy GET in {@code noise-sample-every} is asked of the legacy twice more, back to
     * back, off the response path; JSON paths where those two answers differ are noise of the route. A path is learned
     * (stored, then ignored by every replica) the second time it is seen, so one write between the two calls does not
     * make a real field noise.
     */
    private void sampleNoise(ShadowExchange exchange) {
        if (noiseSeen.size() > 10_000) {
            noiseSeen.clear();
        }
        if (ignoreRules == null || noiseSampleEvery <= 0 || exchange.primary() != Backend.LEGACY
                || exchange.method() != org.springframework.http.HttpMethod.GET
                || noiseSamples.incrementAndGet() % noiseSampleEvery != 0) {
            return;
        }
        call(Backend.LEGACY, exchange)
                .zipWith(Mono.defer(() -> call(Backend.LEGACY, exchange)))
                .filter(pair -> !pair.getT1().overflowed() && !pair.getT2().overflowed()
                        && pair.getT1().status() == pair.getT2().status())
                .map(pair -> comparer.compare(exchange.route(), moreIgnored(exchange), pair.getT1(), pair.getT2()))
                .publishOn(evidenceWork)
                .subscribe(outcome -> {
                    List<Difference> twice = outcome.differences().stream()
                            .filter(d -> noiseSeen.merge(exchange.route().id() + " " + d.path().replaceAll("\\[\\d+]", "[*]"), 1,
                                    Integer::sum) >= 2)
                            .toList();
                    if (!twice.isEmpty()) {
                        ignoreRules.learn(exchange.route().id(), twice);
                    }
                }, e -> log.debug("noise sample of {} failed: {}", exchange.route().id(), e.toString()));
    }

    /** The answer of one backend: the primary's as captured, or the shadow call's (null when it gave none). */
    private static Answer answerOf(Backend backend, ShadowExchange exchange, Answer shadow) {
        return backend == exchange.primary() ? exchange.answer() : shadow;
    }

    private Mono<Answer> call(Backend target, ShadowExchange exchange) {
        return call(client, target, exchange);
    }

    private Mono<Answer> call(HttpClient http, Backend target, ShadowExchange exchange) {
        String baseUrl = target == Backend.CORE ? coreUrl : legacyUrl;
        boolean dryRun = target == Backend.CORE && exchange.route().write();
        byte[] body = exchange.requestBody();
        return Mono.defer(() -> {
            long start = System.nanoTime();
            return http
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
        Answer primary = result.primary() != null ? result.primary() : exchange.answer();
        Answer legacy = exchange.primary() == Backend.LEGACY ? primary : result.shadow();
        Answer core = exchange.primary() == Backend.CORE ? primary : result.shadow();
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
        dryRunConnections.disposeLater().block(Duration.ofSeconds(5));
        loops.disposeLater(Duration.ZERO, Duration.ofSeconds(2)).block(Duration.ofSeconds(5));
        evidenceWork.dispose();
    }
}
