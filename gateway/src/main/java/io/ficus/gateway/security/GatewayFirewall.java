package io.ficus.gateway.security;

import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Spring Security's {@link StrictServerWebExchangeFirewall} in front of every request, proxied or not: it rejects
 * {@code ;}, encoded {@code /}, {@code .}, {@code %} and {@code \}, {@code //}, {@code .} and {@code ..} segments,
 * control characters and methods outside the standard seven before anything routes on the path.
 *
 * <p>Past the checks, the strict firewall also wraps the exchange so that reading a header or a query parameter
 * checks it, allocating a new wrapper on every {@code getRequest()} and {@code getHeaders()} call. Only the secured
 * paths (the admin API, the console and the actuator) keep that wrapper; a proxied request continues with its own
 * exchange, so the proxy reads and forwards headers exactly as before and the backends judge them.
 */
final class GatewayFirewall implements ServerWebExchangeFirewall {

    private final StrictServerWebExchangeFirewall strict;
    private final ServerWebExchangeMatcher secured;

    GatewayFirewall(StrictServerWebExchangeFirewall strict, ServerWebExchangeMatcher secured) {
        this.strict = strict;
        this.secured = secured;
    }

    @Override
    public Mono<ServerWebExchange> getFirewalledExchange(ServerWebExchange exchange) {
        return strict.getFirewalledExchange(exchange)
                .flatMap(firewalled -> secured.matches(exchange)
                        .map(match -> match.isMatch() ? firewalled : exchange));
    }
}
