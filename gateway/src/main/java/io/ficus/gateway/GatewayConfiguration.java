package io.ficus.gateway;

import static org.springframework.cloud.gateway.support.RouteMetadataUtils.CONNECT_TIMEOUT_ATTR;
import static org.springframework.cloud.gateway.support.RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR;

import io.ficus.gateway.catalog.RouteCatalog;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One Spring Cloud Gateway route takes every {@code /api/**} request to the legacy, with the
 * configured timeouts; the routing filters then send some of them to the new core instead.
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
                        .metadata(CONNECT_TIMEOUT_ATTR, (int) properties.connectTimeout().toMillis())
                        .metadata(RESPONSE_TIMEOUT_ATTR, properties.responseTimeout().toMillis())
                        .uri(properties.legacyUrl()))
                .build();
    }
}
