package io.ficus.gateway.console;

import org.springframework.http.HttpMethod;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Makes sure a console page arrives with its CSRF cookie: Spring Security creates the token lazily, so for a page
 * (a GET of {@code /ficus}, {@code /ficus/} or an {@code .html} under it) the token is loaded or generated, which
 * writes the {@code XSRF-TOKEN} cookie. API calls and proxied requests are untouched.
 */
@Component
class CsrfCookieFilter implements WebFilter {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!HttpMethod.GET.equals(exchange.getRequest().getMethod()) || !page(exchange.getRequest().getPath().value())) {
            return chain.filter(exchange);
        }
        Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
        return token == null ? chain.filter(exchange) : token.then(chain.filter(exchange));
    }

    private static boolean page(String path) {
        return path.equals("/ficus") || path.equals("/ficus/") || (path.startsWith("/ficus/") && path.endsWith(".html"));
    }
}
