package io.ficus.gateway.admin;

import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ServerWebExchange;

/** A refused promotion: 409 in the gateway's error shape, with the unmet conditions. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class GateErrors {

    /**
     * The error body of a refused promotion.
     *
     * @param status  409
     * @param error   {@code Conflict}
     * @param message what was refused and why
     * @param path    the request path
     * @param unmet   the conditions of the group's policy its evidence does not meet
     */
    record RefusedBody(int status, String error, String message, String path, List<String> unmet) {
    }

    @ExceptionHandler(Gates.PromotionRefusedException.class)
    ResponseEntity<RefusedBody> refused(Gates.PromotionRefusedException e, ServerWebExchange exchange) {
        return ResponseEntity.status(HttpStatus.CONFLICT).contentType(MediaType.APPLICATION_JSON)
                .body(new RefusedBody(409, "Conflict", e.getMessage(), exchange.getRequest().getPath().value(), e.unmet()));
    }
}
