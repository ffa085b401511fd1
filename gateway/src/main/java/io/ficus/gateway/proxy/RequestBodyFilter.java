package io.ficus.gateway.proxy;

import java.time.Duration;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Bounds the body of every request that has one: a pause longer than the request body timeout (before
 * the first byte or between two chunks) fails the body with 408, and a chunked body fails with 413 as
 * soon as its count passes the limit (a {@code Content-Length} above it never gets here:
 * {@link EdgeChannelHandler} answers it). Whoever reads the body sees the error: the proxied backend
 * request is aborted and {@link ProxyErrorHandler} answers the client. Requests without a body
 * (no {@code Content-Length} above 0 and no {@code Transfer-Encoding}) pass untouched.
 */
@Component
public class RequestBodyFilter implements WebFilter, Ordered {

    private final Duration timeout;
    private final long maxBody;

    public RequestBodyFilter(EdgeProperties edge) {
        this.timeout = edge.requestBodyTimeout();
        this.maxBody = edge.maxRequestBody().toBytes();
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        HttpHeaders headers = request.getHeaders();
        long length = headers.getContentLength();
        boolean chunked = length < 0 && headers.containsHeader(HttpHeaders.TRANSFER_ENCODING);
        if (length <= 0 && !chunked) {
            return chain.filter(exchange);
        }
        return chain.filter(exchange.mutate().request(new BoundedBody(request, chunked)).build());
    }

    /** 408: the client stopped sending its body. */
    static final class BodyTimeoutException extends ResponseStatusException {
        BodyTimeoutException(Duration timeout) {
            super(HttpStatus.REQUEST_TIMEOUT, "The request body did not arrive: nothing was received for " + timeout);
        }
    }

    /** 413: the body passed the limit. */
    static final class BodyTooLargeException extends ResponseStatusException {
        BodyTooLargeException(long limit) {
            super(HttpStatus.CONTENT_TOO_LARGE, "The request body is larger than the limit of " + limit + " bytes");
        }
    }

    private final class BoundedBody extends ServerHttpRequestDecorator {

        private final boolean counted;

        BoundedBody(ServerHttpRequest request, boolean counted) {
            super(request);
            this.counted = counted;
        }

        @Override
        public Flux<DataBuffer> getBody() {
            Flux<DataBuffer> body = super.getBody().timeout(timeout, Flux.error(() -> new BodyTimeoutException(timeout)));
            if (!counted) {
                return body;
            }
            long[] received = {0};
            return body.map(buffer -> {
                received[0] += buffer.readableByteCount();
                if (received[0] > maxBody) {
                    DataBufferUtils.release(buffer);
                    throw new BodyTooLargeException(maxBody);
                }
                return buffer;
            });
        }
    }
}
