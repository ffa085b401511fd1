package io.ficus.gateway.admin;

import io.ficus.gateway.catalog.Mode;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Bad input to the admin API gets a 400 (or 415) in the gateway's error shape with a message that names the field and
 * what was expected, never an internal class name (the framework's own messages name the Java types the body is read
 * into).
 */
@RestControllerAdvice(assignableTypes = {AdminController.class, EvidenceController.class, IgnoreRulesController.class})
class AdminInputErrors {

    /**
     * The gateway's error body.
     *
     * @param status  the HTTP status
     * @param error   its reason phrase
     * @param message what was wrong
     * @param path    the request path
     */
    record ErrorBody(int status, String error, String message, String path) {
    }

    @ExceptionHandler(UnsupportedMediaTypeStatusException.class)
    ResponseEntity<ErrorBody> unsupportedMediaType(UnsupportedMediaTypeStatusException e, ServerWebExchange exchange) {
        MediaType given = e.getContentType();
        return answer(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Content-Type " + (given == null ? "(none)" : given.toString())
                + " is not supported; send application/json", exchange);
    }

    @ExceptionHandler(ServerWebInputException.class)
    ResponseEntity<ErrorBody> badInput(ServerWebInputException e, ServerWebExchange exchange) {
        return answer(HttpStatus.BAD_REQUEST, message(e), exchange);
    }

    static String message(ServerWebInputException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnrecognizedPropertyException unknown) {
                return "unknown field \"" + unknown.getPropertyName() + "\"" + known(unknown);
            }
            if (cause instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
                return "field \"" + field(mismatch) + "\" must be " + expected(mismatch.getTargetType());
            }
            if (cause instanceof StreamReadException || cause instanceof JacksonException) {
                return "the body is not well-formed JSON of the expected shape (an object such as"
                        + " {\"mode\": \"SHADOW\", \"reason\": \"...\"})";
            }
        }
        if (e.getReason() != null && e.getReason().contains("body")) {
            return "a JSON body is required";
        }
        if (e.getMethodParameter() != null && e.getMethodParameter().getParameterName() != null) {
            return "parameter \"" + e.getMethodParameter().getParameterName() + "\" is not valid";
        }
        return "the request is not valid";
    }

    private static String field(MismatchedInputException e) {
        return e.getPath().stream()
                .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

    private static String known(UnrecognizedPropertyException e) {
        if (e.getKnownPropertyIds() == null || e.getKnownPropertyIds().isEmpty()) {
            return "";
        }
        return "; known fields: " + e.getKnownPropertyIds().stream().map(Object::toString).sorted()
                .collect(Collectors.joining(", "));
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Mode.class) {
            return "one of " + Arrays.stream(Mode.values()).map(Enum::name).collect(Collectors.joining(", "));
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString).collect(Collectors.joining(", "));
        }
        return "a JSON object of the expected shape";
    }

    private static ResponseEntity<ErrorBody> answer(HttpStatusCode status, String message, ServerWebExchange exchange) {
        HttpStatus known = HttpStatus.resolve(status.value());
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .body(new ErrorBody(status.value(), known == null ? "Error" : known.getReasonPhrase(), message,
                        exchange.getRequest().getPath().value()));
    }
}
