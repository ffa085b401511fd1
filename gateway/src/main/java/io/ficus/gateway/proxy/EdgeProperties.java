package io.ficus.gateway.proxy;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits the gateway enforces on every client connection, bound from {@code ficus.gateway.*} beside
 * {@link io.ficus.gateway.GatewayProperties} (which binds the rest of that prefix).
 *
 * @param maxRequestBody       largest request body accepted: a larger {@code Content-Length} is answered 413 before
 *                             anything is read or routed, and a chunked body is cut with 413 as soon as its count passes
 *                             it (the backend request is aborted). 1MB: the public API takes small JSON documents, and
 *                             the shadow capture limit is 1MB too, so a larger body could not be compared anyway
 * @param requestBodyTimeout   longest pause while a request body is being received (before its first byte and between
 *                             two chunks): a client that stops sending gets 408 and the backend request is cancelled
 * @param requestHeaderTimeout time within which the head of a request (request line and headers) must be complete,
 *                             counted from the opening of the connection or from the end of the previous response on
 *                             it; the connection is closed otherwise. It is also how long an idle keep-alive connection
 *                             is kept
 * @param leanProxy            whether plain reads that nothing compares take the lean path ({@link LeanProxy}): straight
 *                             from the server to the proxy client, answered as on the full path at a fraction of its
 *                             cost. Off: every request goes through WebFlux and Spring Cloud Gateway's filter chain
 */
@ConfigurationProperties("ficus.gateway")
public record EdgeProperties(
        @DefaultValue("1MB") DataSize maxRequestBody,
        @DefaultValue("10s") Duration requestBodyTimeout,
        @DefaultValue("20s") Duration requestHeaderTimeout,
        @DefaultValue("true") boolean leanProxy) {

    public EdgeProperties {
        if (maxRequestBody.toBytes() <= 0 || requestBodyTimeout.isNegative() || requestBodyTimeout.isZero()
                || requestHeaderTimeout.isNegative() || requestHeaderTimeout.isZero()) {
            throw new IllegalArgumentException("ficus.gateway.max-request-body, .request-body-timeout and"
                    + " .request-header-timeout must be positive");
        }
    }
}
