package io.ficus.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ConnectTimeoutException;
import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ResponseStatusException;

class ProxyErrorHandlerTest {

    @Test
    void mapsUnreachableOrBrokenBackendsTo502AndSlowOnesTo504() {
        assertThat(ProxyErrorHandler.statusFor(new ConnectException("refused"))).isEqualTo(HttpStatus.BAD_GATEWAY);
        assertThat(ProxyErrorHandler.statusFor(new RuntimeException(new ConnectException("refused")))).isEqualTo(HttpStatus.BAD_GATEWAY);
        assertThat(ProxyErrorHandler.statusFor(new IOException("Connection prematurely closed BEFORE response"))).isEqualTo(HttpStatus.BAD_GATEWAY);
        assertThat(ProxyErrorHandler.statusFor(new ConnectTimeoutException("slow"))).isEqualTo(HttpStatus.GATEWAY_TIMEOUT);
        assertThat(ProxyErrorHandler.statusFor(new TimeoutException())).isEqualTo(HttpStatus.GATEWAY_TIMEOUT);
        assertThat(ProxyErrorHandler.statusFor(new ResponseStatusException(HttpStatus.NOT_FOUND))).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(ProxyErrorHandler.statusFor(new IllegalStateException())).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
    }

    @Test
    void writesTheStandardErrorBodyKeepingTheRequestId() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/projects"));
        exchange.getResponse().getHeaders().set(ModeRoutingFilter.REQUEST_ID, "r1");
        exchange.getResponse().getHeaders().set("X-Upstream", "partial");

        new ProxyErrorHandler().handle(exchange, new ConnectException("refused")).block();

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.BAD_GATEWAY);
        assertThat(exchange.getResponse().getHeaders().getFirst(ModeRoutingFilter.REQUEST_ID)).isEqualTo("r1");
        assertThat(exchange.getResponse().getHeaders().getFirst("X-Upstream")).isNull();
        assertThat(exchange.getResponse().getBodyAsString().block()).isEqualTo(
                "{\"status\":502,\"error\":\"Bad Gateway\",\"message\":\"The upstream service could not be reached or broke the connection\",\"path\":\"/api/projects\"}");
    }
}
