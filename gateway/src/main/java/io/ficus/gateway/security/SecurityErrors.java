package io.ficus.gateway.security;

import io.ficus.gateway.proxy.ProxyErrorHandler;
import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The JSON answers of the security layer, in the gateway's error shape {@code {"status","error","message","path"}}:
 * 400 for a request the firewall rejects, 401 with {@code WWW-Authenticate: Basic realm="ficus"}, 403 for a role
 * that is not enough, 429 with {@code Retry-After} for a locked-out user name and address.
 */
final class SecurityErrors {

    static final String REALM = "Basic realm=\"ficus\"";

    private SecurityErrors() {
    }

    static ServerAuthenticationEntryPoint unauthorized() {
        return (exchange, e) -> unauthorized(exchange, "Credentials of a ficus user are required (HTTP Basic)");
    }

    static Mono<Void> unauthorized(ServerWebExchange exchange, String message) {
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, REALM);
        return write(exchange, HttpStatus.UNAUTHORIZED, message);
    }

    static ServerAccessDeniedHandler forbidden() {
        return (exchange, e) -> write(exchange, HttpStatus.FORBIDDEN,
                "This needs the OPERATOR role; VIEWER may only read (GET, HEAD)");
    }

    /** A session-authenticated change (the console) without the CSRF token of its session. */
    static ServerAccessDeniedHandler csrfRefused() {
        return (exchange, e) -> write(exchange, HttpStatus.FORBIDDEN,
                "A change from a console session needs its CSRF token (header X-XSRF-TOKEN); API clients use HTTP Basic");
    }

    static Mono<Void> lockedOut(ServerWebExchange exchange, Duration remaining) {
        long seconds = Math.max(1, (remaining.toMillis() + 999) / 1000);
        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        return write(exchange, HttpStatus.TOO_MANY_REQUESTS,
                "Too many wrong passwords for this user from this address; retry in " + seconds + " s");
    }

    /**
     * A request the firewall rejects, before any routing. The message says what was wrong with the URL or method;
     * a header name or value is not repeated, as it may carry a credential.
     */
    static ServerExchangeRejectedHandler rejected() {
        return (exchange, e) -> {
            String reason = e.getMessage() == null || e.getMessage().contains("header") ? "a header name or value is not allowed"
                    : e.getMessage().replace("The request was rejected because ", "");
            return write(exchange, HttpStatus.BAD_REQUEST, "The request was rejected: " + reason);
        };
    }

    private static Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String message) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.empty();
        }
        return ProxyErrorHandler.write(exchange.getResponse(), status, message, exchange.getRequest().getPath().value());
    }
}
