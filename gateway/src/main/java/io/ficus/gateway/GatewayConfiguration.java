package io.ficus.gateway;

import static org.springframework.cloud.gateway.support.RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR;

import io.ficus.gateway.catalog.RouteCatalog;
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

    @Bean
    RouteLocator ficusRoutes(RouteLocatorBuilder builder, GatewayProperties properties) {
        return builder.routes()
                .route("ficus-api", r -> r.path("/api/**")
                        .metadata(RESPONSE_TIMEOUT_ATTR, properties.responseTimeout().toMillis())
                        .uri(properties.legacyUrl()))
                .build();
    }

    /**
     * The connect timeout, set once on the proxy client. As route metadata (or Spring Cloud Gateway's
     * {@code httpclient.connect-timeout}), it made the routing filter derive a new client configuration, a copy of
     * all its options and attributes, on every proxied request.
     */
    @Bean
    HttpClientCustomizer proxyConnectTimeout(GatewayProperties properties) {
        int millis = (int) properties.connectTimeout().toMillis();
        return client -> client.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, millis);
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
