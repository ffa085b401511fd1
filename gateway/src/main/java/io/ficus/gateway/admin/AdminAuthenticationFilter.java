package io.ficus.gateway.admin;

import io.ficus.gateway.GatewayProperties;
import io.ficus.gateway.proxy.ProxyErrorHandler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Requires the configured HTTP Basic credentials on every {@code /ficus/**} request, compared in
 * constant time, and remembers the user name as the actor of audited changes.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class AdminAuthenticationFilter implements WebFilter {

    /** Exchange attribute holding the authenticated admin's name. */
    public static final String ACTOR = AdminAuthenticationFilter.class.getName() + ".actor";

    private final String username;
    private final byte[] expected;

    public AdminAuthenticationFilter(GatewayProperties properties) {
        this.username = properties.admin().username();
        this.expected = (username + ":" + properties.admin().password()).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        if (!path.equals("/ficus") && !path.startsWith("/ficus/")) {
            return chain.filter(exchange);
        }
        if (!authenticated(exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION))) {
            exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"ficus\"");
            return ProxyErrorHandler.write(exchange.getResponse(), HttpStatus.UNAUTHORIZED,
                    "Admin credentials are required", path);
        }
        exchange.getAttributes().put(ACTOR, username);
        return chain.filter(exchange);
    }

    /**
     * A constant name: WebFlux names the filter in a checkpoint of every request it passes through, so the default
     * {@code Object.toString()} would build a new string per request.
     */
    @Override
    public String toString() {
        return AdminAuthenticationFilter.class.getSimpleName();
    }

    private boolean authenticated(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        byte[] given;
        try {
            given = Base64.getDecoder().decode(authorization.substring(6).trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(given, expected);
    }
}
