package io.ficus.gateway;

import static org.springframework.cloud.gateway.support.RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR;

import io.ficus.gateway.catalog.RouteCatalog;
import io.ficus.gateway.compare.ShadowDispatcher;
import io.ficus.gateway.evidence.EvidenceRecorder;
import io.ficus.gateway.proxy.EdgeProperties;
import io.ficus.gateway.proxy.LeanProxy;
import io.ficus.gateway.toggles.ToggleStore;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import io.ficus.gateway.proxy.ProxyHeaders;
import io.micrometer.observation.ObservationPredicate;
import io.netty.channel.ChannelOption;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationRunner;
import org.springframework.beans.BeansException;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.cloud.gateway.config.HttpClientCustomizer;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.cloud.gateway.filter.NettyRoutingFilter;
import org.springframework.cloud.gateway.filter.NettyWriteResponseFilter;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.RemoveHopByHopHeadersFilter;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.util.function.SingletonSupplier;
import reactor.netty.http.client.HttpClient;

/**
 * One Spring Cloud Gateway route takes every {@code /api/**} request to the legacy, with the
 * configured timeouts (connect: on the proxy client; response: on the route); the routing filters then send some
 * of them to the new core instead.
 * Proxied requests are timed by {@code ficus.gateway.requests} only; {@code http.server.requests}
 * stays for everything else (admin API, actuator, requests outside {@code /api}).
 */
@Configuration(proxyBeanMethods = false)
class GatewayConfiguration {

    @Bean
    RouteCatalog routeCatalog(GatewayProperties properties) {
        return new RouteCatalog(properties.routes());
    }

    /**
     * The {@code /api/**} route. Its {@code response-timeout} metadata is negative, which turns Spring Cloud Gateway's
     * own response timeout off for it (and any global {@code httpclient.response-timeout}): the proxy client keeps the
     * time instead ({@link #proxyTimeouts}).
     */
    @Bean
    RouteLocator ficusRoutes(RouteLocatorBuilder builder, GatewayProperties properties) {
        return builder.routes()
                .route("ficus-api", r -> r.path("/api/**")
                        .metadata(RESPONSE_TIMEOUT_ATTR, -1)
                        .uri(properties.legacyUrl()))
                .build();
    }

    /**
     * The connect and response timeouts, set once on the proxy client. As route metadata (or Spring Cloud Gateway's
     * {@code httpclient.connect-timeout}), the connect timeout made the routing filter derive a new client
     * configuration, a copy of all its options and attributes, on every proxied request. Spring Cloud Gateway keeps
     * the response timeout with Reactor's {@code Flux.timeout}, which schedules a task on Reactor's {@code parallel}
     * threads for every proxied request and cancels it when the answer's head arrives: a hand-over between threads
     * and a wake-up of a parallel thread per request (about 1,100 a second at 800 req/s, bench/README.md "Where the
     * tail came from"). Reactor Netty's response timeout runs on the connection's own event loop instead (a read
     * timeout from the end of the request to the answer's head, and between reads of its body); it fails with
     * Netty's {@code ReadTimeoutException}, which the gateway answers 504 as before ({@code ProxyErrorHandler}).
     */
    @Bean
    HttpClientCustomizer proxyTimeouts(GatewayProperties properties) {
        int millis = (int) properties.connectTimeout().toMillis();
        Duration response = properties.responseTimeout();
        return client -> client.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, millis).responseTimeout(response);
    }

    /**
     * The headers of proxied requests and answers: {@link ProxyHeaders}, one copy each, instead of Spring Cloud
     * Gateway's header filter beans, one copy per filter. The beans stay (their configuration is read from them);
     * only the routing filters below, which replace Spring Cloud Gateway's ({@code global-filter.netty-routing.enabled:
     * false} in application.yml), use this list instead of every {@link HttpHeadersFilter} bean.
     */
    @Bean
    ProxyHeaderFilters proxyHeaderFilters(RemoveHopByHopHeadersFilter hopByHop,
                                          org.springframework.cloud.gateway.config.GatewayProperties gateway,
                                          Environment environment, ObjectProvider<ServerProperties> server) {
        String prefix = org.springframework.cloud.gateway.config.GatewayProperties.PREFIX;
        Set<String> names = hopByHop.getHeaders();
        ServerProperties serverProperties = server.getIfAvailable();
        return new ProxyHeaderFilters(List.of(
                ProxyHeaders.request(names, gateway.getTrustedProxies(),
                        environment.getProperty(prefix + ".forwarded.enabled", Boolean.class, true),
                        environment.getProperty(prefix + ".x-forwarded.enabled", Boolean.class, true),
                        environment.getProperty(prefix + ".forwarded.by.enabled", Boolean.class, false),
                        serverProperties == null ? null : serverProperties.getPort()),
                ProxyHeaders.response(names)));
    }

    /** Spring Cloud Gateway's proxy filter, with {@link ProxyHeaders} as its only header filters. */
    @Bean
    NettyRoutingFilter proxyRoutingFilter(HttpClient httpClient, ProxyHeaderFilters filters, HttpClientProperties properties) {
        return new NettyRoutingFilter(httpClient, filters, properties);
    }

    /** Spring Cloud Gateway's response writer, as its auto-configuration makes it, beside {@link #proxyRoutingFilter}. */
    @Bean
    NettyWriteResponseFilter proxyWriteResponseFilter(org.springframework.cloud.gateway.config.GatewayProperties gateway,
                                                      ProxyHeaderFilters filters) {
        return new NettyWriteResponseFilter(gateway.getStreamingMediaTypes(), filters);
    }

    /** The lean path for plain reads ({@link LeanProxy}). */
    @Bean
    LeanProxy leanProxy(RouteCatalog catalog, ToggleStore toggles, EvidenceRecorder evidence, MeterRegistry meters,
                        ProxyHeaderFilters filters, ObjectProvider<HttpClient> httpClient, GatewayProperties properties,
                        ShadowDispatcher shadows) {
        List<HttpHeadersFilter> both = filters.getObject();
        return new LeanProxy(catalog, toggles, evidence, meters, (ProxyHeaders) both.get(0), (ProxyHeaders) both.get(1),
                httpClient::getObject, properties.legacyUrl(), properties.coreUrl(), properties.exposeBackendHeader(),
                shadows, properties.shadow().captureLimit().toBytes());
    }

    /**
     * Puts the lean path in front of WebFlux on the server, unless {@code ficus.gateway.lean-proxy} is false. The
     * server is made before the application's other beans; the lean path is looked up on the first request, which
     * comes after they are all ready.
     */
    @Bean
    WebServerFactoryCustomizer<NettyReactiveWebServerFactory> leanProxyRoute(EdgeProperties edge,
                                                                              ObjectProvider<LeanProxy> lean) {
        return factory -> {
            if (!edge.leanProxy()) {
                return;
            }
            SingletonSupplier<LeanProxy> proxy = SingletonSupplier.of(lean::getObject);
            factory.addRouteProviders(routes -> routes.route(request -> proxy.get().admits(request),
                    (request, response) -> proxy.get().proxy(request, response)));
        };
    }

    /** A fixed list of header filters in the shape the routing filters take them. */
    static final class ProxyHeaderFilters implements ObjectProvider<List<HttpHeadersFilter>> {

        private final List<HttpHeadersFilter> filters;

        ProxyHeaderFilters(List<HttpHeadersFilter> filters) {
            this.filters = filters;
        }

        @Override
        public List<HttpHeadersFilter> getObject() throws BeansException {
            return filters;
        }

        @Override
        public List<HttpHeadersFilter> getObject(Object... args) throws BeansException {
            return filters;
        }

        @Override
        public List<HttpHeadersFilter> getIfAvailable() throws BeansException {
            return filters;
        }

        @Override
        public List<HttpHeadersFilter> getIfUnique() throws BeansException {
            return filters;
        }
    }

    /**
     * Initialises the proxy client (event loops, native transport, host name resolver) at startup rather than on the
     * first proxied request, which otherwise pays for it against the response timeout.
     */
    @Bean
    ApplicationRunner proxyClientWarmUp(ObjectProvider<HttpClient> httpClient) {
        return args -> httpClient.ifUnique(client -> client.warmup().block(Duration.ofSeconds(30)));
    }

    /**
     * Leaves the proxied {@code /api/**} requests out of {@code http.server.requests}: {@code ficus.gateway.requests}
     * already times each of them, per catalog route, backend and status, and a second observation per request costs
     * a meter lookup and a long task timer.
     */
    @Bean
    ObservationPredicate serverObservationOutsideProxiedApi() {
        return (name, context) -> !(context instanceof ServerRequestObservationContext server
                && isProxied(server.getCarrier().getPath().pathWithinApplication().value()));
    }

    private static boolean isProxied(String path) {
        return path.equals("/api") || path.startsWith("/api/");
    }
}
