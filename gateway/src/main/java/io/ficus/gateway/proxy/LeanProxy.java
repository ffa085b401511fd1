package io.ficus.gateway.proxy;

import io.ficus.gateway.catalog.Backend;
import io.ficus.gateway.catalog.CatalogRoute;
import io.ficus.gateway.catalog.Mode;
import io.ficus.gateway.catalog.RouteCatalog;
import io.ficus.gateway.catalog.Toggle;
import io.ficus.gateway.compare.Answer;
import io.ficus.gateway.compare.BodyCapture;
import io.ficus.gateway.compare.ShadowDispatcher;
import io.ficus.gateway.compare.ShadowExchange;
import io.ficus.gateway.evidence.EvidenceRecorder;
import io.ficus.gateway.toggles.ToggleStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.AttributeKey;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.support.Netty4HeadersAdapter;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * The lean path: plain reads (compared ones included) go from Reactor Netty's server straight to the proxy client,
 * without WebFlux's exchange, Spring Cloud Gateway's route lookup and filter chain, and their per-request copies
 * and operators; everything else takes the full path, unchanged.
 *
 * <p>A request takes the lean path only when all of these hold, checked on the request as it arrived (the edge's
 * checks, {@link EdgeChannelHandler}, ran before):
 * <ul>
 * <li>the method is GET and it has no body (no {@code Content-Length} above 0, no {@code Transfer-Encoding});</li>
 * <li>the path is under {@code /api/} and plain: letters, digits and {@code -._~!$&'()*+,=:@/}, no empty, {@code .}
 *     or {@code ..} segment, so the strict firewall would pass it and decoding changes nothing; the query, if any,
 *     of URL characters with well-formed percent escapes; the host name plain;</li>
 * <li>its catalog route (or none: then the legacy answers) is not a write route, and its toggle is not CANARY
 *     (whose caller key is read on the full path).</li>
 * </ul>
 * A shadowed read (SHADOW, or NEW with shadowed reads) is admitted by the {@link ShadowDispatcher} as on the full
 * path (or shed and counted); the answer's body is copied as it streams to the client (up to the capture limit) and
 * the finished exchange handed to the dispatcher, which calls the other system off the client's path; a client that
 * leaves first is counted as not compared.
 * On it, the request is answered exactly as on the full path: the same routing decision ({@link Decision#of}), the
 * same headers to the backend and back ({@link ProxyHeaders}), {@code X-Request-Id} (and {@code X-Ficus-Backend}
 * when exposed) on the answer, the same shadow exchange, the same proxy client (pool, connect and response timeouts), the same error answers
 * and their log line ({@link ProxyErrorHandler}), the same {@code ficus.gateway.requests} timer and evidence count.
 * {@code ficus.gateway.lean} counts the requests it took. {@code ficus.gateway.lean-proxy.enabled=false} sends every
 * request the full way.
 *
 * <p>Why: with the full path the gateway proxied about a fifth of what nginx does on the same machine; its CPU
 * profile had no hot spot, only the many small costs of a general filter chain (bench/README.md).
 */
public final class LeanProxy {

    private static final Logger log = LoggerFactory.getLogger(ProxyErrorHandler.class);

    /** The decision taken when the request was admitted to the lean path, for its handler. */
    private static final AttributeKey<Decision> DECISION = AttributeKey.valueOf(LeanProxy.class.getName() + ".decision");

    private static final String PREFIX = "/api/";

    private final RouteCatalog catalog;
    private final ToggleStore toggles;
    private final EvidenceRecorder evidence;
    private final RequestTimers requests;
    private final Counter taken;
    private final ProxyHeaders requestHeaders;
    private final ProxyHeaders responseHeaders;
    private final Target legacy;
    private final Target core;
    private final boolean exposeBackend;
    private final ShadowDispatcher shadows;
    private final long captureLimit;
    private volatile boolean enabled = true;
    private volatile @Nullable RequestUrl lastRequestUrl;

    /**
     * @param client the proxy client of the full path (asked for on the first request: it is made after the server)
     */
    public LeanProxy(RouteCatalog catalog, ToggleStore toggles, EvidenceRecorder evidence, MeterRegistry meters,
                     ProxyHeaders requestHeaders, ProxyHeaders responseHeaders, Supplier<HttpClient> client,
                     URI legacyUrl, URI coreUrl, boolean exposeBackend, ShadowDispatcher shadows,
                     long captureLimit) {
        this.shadows = shadows;
        this.captureLimit = captureLimit;
        this.catalog = catalog;
        this.toggles = toggles;
        this.evidence = evidence;
        this.requests = new RequestTimers(meters);
        this.taken = Counter.builder("ficus.gateway.lean")
                .description("Proxied requests that took the lean path (plain reads)")
                .register(meters);
        this.requestHeaders = requestHeaders;
        this.responseHeaders = responseHeaders;
        Supplier<HttpClient> shared = SingletonSupplier.of(client);
        this.legacy = new Target(legacyUrl, shared);
        this.core = new Target(coreUrl, shared);
        this.exposeBackend = exposeBackend;
    }

    /**
     * A backend. For a plain {@code http} URL the proxy client is given the backend's address once and each request
     * only its path and query (Reactor Netty parses an absolute URL with a regular expression on every request), with
     * the {@code Host} header it would have derived from the URL; otherwise each request gets the absolute URL.
     * The client's request for GET, with the step that writes a request's headers, is built once: Reactor Netty copies
     * its whole configuration at every step of a request's building, so per request only the URL is given (one copy
     * instead of three), and the headers travel in the subscriber's context.
     */
    private final class Target {

        private final String base;
        private final String host;
        private final boolean relative;
        private final Supplier<HttpClient.ResponseReceiver<?>> sender;

        Target(URI url, Supplier<HttpClient> shared) {
            this.base = url.getScheme() + "://" + url.getRawAuthority();
            int port = url.getPort();
            boolean defaultPort = port < 0 || "http".equals(url.getScheme()) && port == 80;
            this.host = url.getHost() + (defaultPort ? "" : ":" + port);
            this.relative = "http".equals(url.getScheme()) && url.getRawUserInfo() == null && url.getHost() != null
                    && !url.getHost().contains(":");
            int effectivePort = port < 0 ? 80 : port;
            this.sender = SingletonSupplier.of(() -> {
                HttpClient client = relative
                        ? shared.get().remoteAddress(() -> InetSocketAddress.createUnresolved(url.getHost(), effectivePort))
                        : shared.get();
                return client.request(HttpMethod.GET).send((out, outbound) -> {
                    Outgoing outgoing = out.currentContextView().get(Outgoing.class);
                    io.netty.handler.codec.http.HttpHeaders headers = out.requestHeaders();
                    // as HttpClientRequest.headers(...) would: every header replaced, the Host the client derived
                    // from the URL kept (for a relative URL: the backend's, as on the full path)
                    String derivedHost = relative ? host : headers.get(HttpHeaderNames.HOST);
                    headers.clear();
                    requestHeaders.forward(outgoing.request().requestHeaders(), headers, outgoing.requestUri(),
                            outgoing.request().remoteAddress());
                    if (derivedHost != null) {
                        headers.set(HttpHeaderNames.HOST, derivedHost);
                    }
                    return outbound;
                });
            });
        }

        /** The request for {@code uri} (the request's path and query). */
        HttpClient.ResponseReceiver<?> get(String uri) {
            return sender.get().uri(relative ? uri : base + uri);
        }
    }

    /** What the prepared request's header step needs of one request. */
    private record Outgoing(HttpServerRequest request, URI requestUri) {
    }

    /** Whether the request takes the lean path; if so, its decision is kept on the connection for {@link #proxy}. */
    public boolean admits(HttpServerRequest request) {
        try {
            return enabled && HttpMethod.GET.equals(request.method()) && takes(request);
        } catch (RuntimeException e) {
            // whatever the lean path cannot judge, the full path does
            log.debug("lean path not taken for {}: {}", request.uri(), e.toString());
            return false;
        }
    }

    private boolean takes(HttpServerRequest request) {
        io.netty.handler.codec.http.HttpHeaders headers = request.requestHeaders();
        if (headers.contains(HttpHeaderNames.TRANSFER_ENCODING)) {
            return false;
        }
        String length = headers.get(HttpHeaderNames.CONTENT_LENGTH);
        if (length != null && !length.equals("0")) {
            return false;
        }
        String uri = request.uri();
        int query = uri.indexOf('?');
        int pathEnd = query < 0 ? uri.length() : query;
        if (!uri.startsWith(PREFIX) || !plainPath(uri, pathEnd) || query >= 0 && !plainQuery(uri, query + 1)
                || !plainHost(request.hostName())) {
            return false;
        }
        String path = uri.substring(0, pathEnd);
        CatalogRoute route = catalog.match(org.springframework.http.HttpMethod.GET, path).orElse(null);
        Decision decision;
        if (route == null) {
            decision = Decision.UNMATCHED;
        } else {
            if (route.write()) {
                return false;
            }
            Toggle toggle = toggles.snapshot().of(route.id());
            if (toggle.mode() == Mode.CANARY) {
                return false;
            }
            decision = Decision.of(route, toggle, org.springframework.http.HttpMethod.GET, () -> null);
        }
        request.withConnection(connection -> connection.channel().attr(DECISION).set(decision));
        return true;
    }

    /**
     * Whether {@code uri[0, end)} is a path the strict firewall passes and that decodes to itself: letters, digits,
     * {@code -._~!$&'()*+,=:@} and {@code /}, no {@code //}, no {@code .} or {@code ..} segment.
     */
    static boolean plainPath(String uri, int end) {
        for (int i = 0; i < end; i++) {
            char c = uri.charAt(i);
            if (c == '/') {
                int next = i + 1;
                if (next < end && uri.charAt(next) == '/') {
                    return false;
                }
                if (next < end && uri.charAt(next) == '.') {
                    int after = next + 1;
                    if (after == end || uri.charAt(after) == '/'
                            || uri.charAt(after) == '.' && (after + 1 == end || uri.charAt(after + 1) == '/')) {
                        return false;
                    }
                }
            } else if (!unreserved(c) && !subDelimiter(c) && c != ':' && c != '@') {
                return false;
            }
        }
        return true;
    }

    /** Whether the query from {@code start} has only URL characters, and every {@code %} starts an escape. */
    static boolean plainQuery(String uri, int start) {
        int length = uri.length();
        for (int i = start; i < length; i++) {
            char c = uri.charAt(i);
            if (c == '%') {
                if (i + 2 >= length || Character.digit(uri.charAt(i + 1), 16) < 0
                        || Character.digit(uri.charAt(i + 2), 16) < 0) {
                    return false;
                }
                i += 2;
            } else if (!unreserved(c) && !subDelimiter(c) && c != ':' && c != '@' && c != '/' && c != '?') {
                return false;
            }
        }
        return true;
    }

    /** Whether a host name is a plain registered name or IPv4 address (nothing WebFlux would encode in its URL). */
    static boolean plainHost(@Nullable String host) {
        if (host == null || host.isEmpty()) {
            return false;
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.')) {
                return false;
            }
        }
        return true;
    }

    private static boolean unreserved(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || c == '-' || c == '.' || c == '_' || c == '~';
    }

    private static boolean subDelimiter(char c) {
        return c == '!' || c == '$' || c == '&' || c == '\'' || c == '(' || c == ')' || c == '*' || c == '+'
                || c == ',' || c == '=';
    }

    /** Proxies an admitted request to the system its decision names. */
    public Publisher<Void> proxy(HttpServerRequest request, HttpServerResponse response) {
        long start = System.nanoTime();
        Decision[] kept = new Decision[1];
        request.withConnection(connection -> kept[0] = connection.channel().attr(DECISION).getAndSet(null));
        Decision decision = kept[0];
        taken.increment();
        String uri = request.uri();
        String requestId = request.requestHeaders().get(ModeRoutingFilter.REQUEST_ID);
        response.header(ModeRoutingFilter.REQUEST_ID, requestId);
        if (exposeBackend) {
            response.header(ModeRoutingFilter.BACKEND, decision.backend().tag());
        }
        Target target = decision.backend() == Backend.CORE ? core : legacy;
        boolean compared = decision.shadowed()
                && shadows.admit(decision.route(), org.springframework.http.HttpMethod.GET, decision.backend());
        BodyCapture capture = compared ? new BodyCapture(captureLimit) : null;
        HttpHeaders sentHeaders = compared
                ? HttpHeaders.copyOf(new HttpHeaders(new Netty4HeadersAdapter(request.requestHeaders()))) : null;
        int[] status = {-1};
        Throwable[] failure = new Throwable[1];
        return target.get(uri)
                .responseConnection((answer, connection) -> {
                    response.status(answer.status());
                    io.netty.handler.codec.http.HttpHeaders headers = response.responseHeaders();
                    responseHeaders.answer(answer.responseHeaders(), headers);
                    if (headers.contains(HttpHeaderNames.CONTENT_LENGTH)
                            && !answer.responseHeaders().contains(HttpHeaderNames.TRANSFER_ENCODING)) {
                        headers.remove(HttpHeaderNames.TRANSFER_ENCODING);
                    }
                    status[0] = answer.status().code();
                    Flux<ByteBuf> body = connection.inbound().receive().retain();
                    return response.send(capture == null ? body : body.doOnNext(b -> capture.append(ByteBufUtil.getBytes(b))));
                })
                .then()
                .contextWrite(context -> context.put(Outgoing.class, new Outgoing(request, requestUri(request))))
                .onErrorResume(error -> {
                    failure[0] = error;
                    return failed(request, response, decision, error);
                })
                .doFinally(signal -> {
                    record(decision, signal, status[0], failure[0], start);
                    if (compared) {
                        compare(decision, signal, status[0], failure[0], start, capture, response, requestId, uri,
                                sentHeaders);
                    }
                });
    }

    /** Hands a shadowed read's finished exchange to the dispatcher, as the full path does. */
    private void compare(Decision decision, SignalType signal, int answered, @Nullable Throwable failure, long start,
                         BodyCapture capture, HttpServerResponse response, String requestId, String uri,
                         HttpHeaders sentHeaders) {
        if (signal == SignalType.CANCEL) {
            shadows.cancelled(decision.route(), decision.backend());
            return;
        }
        Answer answer = null;
        String error = null;
        if (failure == null && signal == SignalType.ON_COMPLETE && answered >= 0) {
            answer = new Answer(answered, HttpHeaders.copyOf(new HttpHeaders(new Netty4HeadersAdapter(response.responseHeaders()))),
                    capture.bytes(), capture.overflowed(), java.time.Duration.ofNanos(System.nanoTime() - start).toMillis());
        } else {
            error = failure == null ? "no answer" : failure.toString();
        }
        shadows.submit(new ShadowExchange(decision.route(), requestId, org.springframework.http.HttpMethod.GET, uri,
                sentHeaders, new byte[0], false, decision.backend(), answer, error));
    }

    /** Turns the lean path off or on at run time (tests compare it with the full path on one server). */
    void enabled(boolean on) {
        enabled = on;
    }

    /**
     * The request's URL as WebFlux builds it, for the forwarded headers: scheme, host and port only. Clients call
     * the gateway by one or a few names: the last one is kept and only a request by another name builds one.
     */
    private URI requestUri(HttpServerRequest request) {
        String scheme = request.scheme();
        String host = request.hostName();
        int port = request.hostPort();
        RequestUrl last = lastRequestUrl;
        if (last != null && last.port() == port && last.host().equals(host) && last.scheme().equals(scheme)) {
            return last.url();
        }
        boolean defaultPort = "http".equals(scheme) && port == 80 || "https".equals(scheme) && port == 443;
        URI url = URI.create(scheme + "://" + host + (defaultPort ? "" : ":" + port) + "/");
        lastRequestUrl = new RequestUrl(scheme, host, port, url);
        return url;
    }

    /** A request URL by the parts it was built from. */
    private record RequestUrl(String scheme, String host, int port, URI url) {
    }

    /** Answers a failed proxy call as {@link ProxyErrorHandler} does, unless the answer has begun. */
    private Mono<Void> failed(HttpServerRequest request, HttpServerResponse response, Decision decision, Throwable error) {
        if (response.hasSentHeaders()) {
            return Mono.error(error);
        }
        HttpStatusCode status = ProxyErrorHandler.statusFor(error);
        String uri = request.uri();
        int query = uri.indexOf('?');
        String path = query < 0 ? uri : uri.substring(0, query);
        if (status.is5xxServerError()) {
            log.warn("{} {} failed with {}: {}", request.method(), path, status.value(), error.toString());
        }
        String requestId = response.responseHeaders().get(ModeRoutingFilter.REQUEST_ID);
        response.responseHeaders().clear();
        response.header(ModeRoutingFilter.REQUEST_ID, requestId);
        if (exposeBackend) {
            response.header(ModeRoutingFilter.BACKEND, decision.backend().tag());
        }
        byte[] body = ProxyErrorHandler.body(status.value(), ProxyErrorHandler.messageFor(status, error), path)
                .getBytes(StandardCharsets.UTF_8);
        return response.status(HttpResponseStatus.valueOf(status.value()))
                .header(HttpHeaderNames.CONTENT_TYPE, "application/json")
                .header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(body.length))
                .sendByteArray(Mono.just(body))
                .then();
    }

    private void record(Decision decision, SignalType signal, int answered, @Nullable Throwable failure, long start) {
        long nanos = System.nanoTime() - start;
        String route = decision.routeTag();
        if (signal == SignalType.CANCEL) {
            requests.recordCancelled(route, decision.backend(), nanos);
            return;
        }
        int status = failure != null ? ProxyErrorHandler.statusFor(failure).value()
                : signal == SignalType.ON_ERROR ? -1 : answered;
        if (status < 0) {
            requests.recordError(route, decision.backend(), nanos);
        } else {
            requests.record(route, decision.backend(), status, nanos);
        }
        if (decision.route() != null) {
            evidence.served(decision.route().id(), decision.backend() == Backend.CORE,
                    status < 0 || status >= 500, null);
        }
    }
}
