package io.ficus.gateway.proxy;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR;

import io.ficus.gateway.GatewayProperties;
import io.ficus.gateway.catalog.Backend;
import java.net.URI;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

/**
 * Points the request at the new core when the {@link Decision} says so, by replacing the host
 * of the URL {@link RouteToRequestUrlFilter} built from the legacy route; path and raw query
 * stay as the client sent them.
 */
@Component
public class CoreUrlFilter implements GlobalFilter, Ordered {

    private final URI coreUrl;

    public CoreUrlFilter(GatewayProperties properties) {
        this.coreUrl = properties.coreUrl();
    }

    @Override
    public int getOrder() {
        return RouteToRequestUrlFilter.ROUTE_TO_URL_FILTER_ORDER + 1;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Decision decision = exchange.getAttribute(Decision.ATTRIBUTE);
        URI url = exchange.getAttribute(GATEWAY_REQUEST_URL_ATTR);
        if (decision != null && decision.backend() == Backend.CORE && url != null) {
            URI rewritten = UriComponentsBuilder.fromUri(url)
                    .scheme(coreUrl.getScheme()).host(coreUrl.getHost()).port(coreUrl.getPort())
                    .build(true).toUri();
            exchange.getAttributes().put(GATEWAY_REQUEST_URL_ATTR, rewritten);
        }
        return chain.filter(exchange);
    }
}
