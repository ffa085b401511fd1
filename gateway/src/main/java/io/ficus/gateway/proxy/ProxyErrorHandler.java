package io.ficus.gateway.proxy;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.timeout.ReadTimeoutException;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Every error the gateway itself answers gets the public API's error body
 * {@code {"status", "error", "message", "path"}}: an upstream that cannot be reached or breaks
 * the connection is a 502, one that does not answer in time a 504. Headers a backend may already
 * have set are dropped; the gateway's own ({@code X-Request-Id}, {@code X-Ficus-Backend}) stay.
 */
@Component
@Order(-2)
public class ProxyErrorHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProxyErrorHandler.class);

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.error(error);
        }
        HttpStatusCode status = statusFor(error);
        if (status.is5xxServerError()) {
            log.warn("{} {} failed with {}: {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(),
                    status.value(), error.toString());
        }
        HttpHeaders kept = new HttpHeaders();
        for (String own : List.of(ModeRoutingFilter.REQUEST_ID, ModeRoutingFilter.BACKEND)) {
            String value = response.getHeaders().getFirst(own);
            if (value != null) {
                kept.set(own, value);
            }
        }
        response.getHeaders().clear();
        response.getHeaders().putAll(kept);
        if (status.value() == 401) {
            response.getHeaders().set("WWW-Authenticate", "Basic realm=\"ficus\"");
        }
        return write(response, status, messageFor(status, error), exchange.getRequest().getPath().value());
    }

    /** Writes the standard error body. */
    public static Mono<Void> write(ServerHttpResponse response, HttpStatusCode status, String message, String path) {
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        if (status.value() == 408 || status.value() == 413) {
            // The client may still be sending a body nobody reads: the connection cannot be reused.
            response.getHeaders().set(HttpHeaders.CONNECTION, "close");
        }
        String body = body(status.value(), message, path);
        return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(body.getBytes(StandardCharsets.UTF_8))));
    }

    /** The standard error body {@code {"status", "error", "message", "path"}}. */
    static String body(int status, String message, String path) {
        HttpStatus known = HttpStatus.resolve(status);
        return "{\"status\":" + status + ",\"error\":" + quote(known == null ? "Error" : known.getReasonPhrase())
                + ",\"message\":" + quote(message) + ",\"path\":" + quote(path) + "}";
    }

    /** The status an error becomes. */
    public static HttpStatusCode statusFor(Throwable error) {
        for (Throwable e = error; e != null; e = e.getCause()) {
            if (e instanceof ResponseStatusException rse) {
                return rse.getStatusCode();
            }
            if (e instanceof TimeoutException || e instanceof ReadTimeoutException || e instanceof ConnectTimeoutException
                    || e instanceof org.springframework.cloud.gateway.support.TimeoutException) {
                return HttpStatus.GATEWAY_TIMEOUT;
            }
            if (e instanceof ConnectException || e instanceof IOException) {
                return HttpStatus.BAD_GATEWAY;
            }
        }
        return HttpStatus.INTERNAL_SERVER_ERROR;
    }

    static String messageFor(HttpStatusCode status, Throwable error) {
        return switch (status.value()) {
            case 502 -> "The upstream service could not be reached or broke the connection";
            case 504 -> "The upstream service did not answer in time";
            case 500 -> "Unexpected error";
            default -> error instanceof ResponseStatusException rse && rse.getReason() != null ? rse.getReason()
                    : HttpStatus.resolve(status.value()) != null ? HttpStatus.resolve(status.value()).getReasonPhrase() : "Error";
        };
    }

    private static String quote(String text) {
        StringBuilder s = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                case '\n' -> s.append("\\n");
                case '\r' -> s.append("\\r");
                case '\t' -> s.append("\\t");
                default -> {
                    if (c < 0x20) {
                        s.append(String.format("\\u%04x", (int) c));
                    } else {
                        s.append(c);
                    }
                }
            }
        }
        return s.append('"').toString();
    }
}
