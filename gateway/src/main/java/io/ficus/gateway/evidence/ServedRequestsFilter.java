package io.ficus.gateway.evidence;

import io.ficus.gateway.catalog.Backend;
import io.ficus.gateway.proxy.Decision;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.NettyWriteResponseFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.SignalType;

/**
 * Counts every request of a catalog route answered to a client, per answering system and whether it failed (a server
 * error or no answer), into the evidence history: the core's error rate of a group in CANARY or NEW comes from here
 * (and from shadow calls), not only from comparisons. Runs just before the routing filter and reads its decision when
 * the exchange ends.
 */
@Component
class ServedRequestsFilter implements GlobalFilter, Ordered {

    private final EvidenceRecorder evidence;

    ServedRequestsFilter(EvidenceRecorder evidence) {
        this.evidence = evidence;
    }

    @Override
    public int getOrder() {
        return NettyWriteResponseFilter.WRITE_RESPONSE_FILTER_ORDER - 2;
    }

    @Override
    public reactor.core.publisher.Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return chain.filter(exchange).doFinally(signal -> {
            Decision decision = exchange.getAttribute(Decision.ATTRIBUTE);
            if (decision == null || decision.route() == null || signal == SignalType.CANCEL) {
                return;
            }
            HttpStatusCode status = exchange.getResponse().getStatusCode();
            boolean error = signal == SignalType.ON_ERROR || status != null && status.is5xxServerError();
            evidence.served(decision.route().id(), decision.backend() == Backend.CORE, error, null);
        });
    }
}
