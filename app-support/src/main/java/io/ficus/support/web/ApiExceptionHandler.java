package io.ficus.support.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns every failure of a request into the API's {@link ErrorBody}; never a stack trace. Ordered last, so an
 * application's own advice (the core's answer to a lost version check) is asked first.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    /** The answer to a body of any type but JSON. */
    static final String UNSUPPORTED_CONTENT_TYPE = "Content-Type must be application/json";

    private final IntegrityMessages integrityMessages;

    ApiExceptionHandler(IntegrityMessages integrityMessages) {
        this.integrityMessages = integrityMessages;
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ErrorBody> api(ApiException e, HttpServletRequest request) {
        return body(e.status(), e.getMessage(), request);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ErrorBody> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
        for (Throwable cause = e; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof BodyTooLargeException tooLarge) {
                return body(HttpStatus.CONTENT_TOO_LARGE, tooLarge.getMessage(), request);
            }
        }
        return body(HttpStatus.BAD_REQUEST, describe(e), request);
    }

    /** Never the framework's text, which can name the class the body was meant for. */
    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ErrorBody> unsupportedContentType(HttpMediaTypeNotSupportedException e, HttpServletRequest request) {
        return body(HttpStatus.UNSUPPORTED_MEDIA_TYPE, UNSUPPORTED_CONTENT_TYPE, request);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ErrorBody> typeMismatch(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        String expected = e.getRequiredType() == null ? "value" : e.getRequiredType().getSimpleName();
        return body(HttpStatus.BAD_REQUEST, "'" + e.getName() + "' must be a " + ("UUID".equals(expected) ? "UUID" : expected)
                + ", not '" + e.getValue() + "'", request);
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ErrorBody> missingParameter(MissingServletRequestParameterException e, HttpServletRequest request) {
        return body(HttpStatus.BAD_REQUEST, "query parameter '" + e.getParameterName() + "' is required", request);
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ErrorBody> invalid(MethodArgumentNotValidException e, HttpServletRequest request) {
        String message = e.getBindingResult().getFieldErrors().stream()
                .map(f -> "'" + f.getField() + "' " + f.getDefaultMessage())
                .sorted()
                .collect(Collectors.joining("; "));
        return body(HttpStatus.BAD_REQUEST, message.isEmpty() ? "invalid request body" : message, request);
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<ErrorBody> invalidParameters(HandlerMethodValidationException e, HttpServletRequest request) {
        return body(HttpStatus.BAD_REQUEST, "invalid request: " + e.getAllErrors().stream()
                .map(m -> m.getDefaultMessage()).collect(Collectors.joining("; ")), request);
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<ErrorBody> integrity(DataIntegrityViolationException e, HttpServletRequest request) {
        log.info("integrity violation on {}: {}", request.getRequestURI(), e.getMostSpecificCause().getMessage());
        String cause = String.valueOf(e.getMostSpecificCause().getMessage()).toLowerCase();
        for (var named : integrityMessages.byConstraint().entrySet()) {
            if (cause.contains(named.getKey())) {
                return body(HttpStatus.CONFLICT, named.getValue(), request);
            }
        }
        if (cause.contains("too long")) {
            return body(HttpStatus.BAD_REQUEST, "a value is too long", request);
        }
        return body(HttpStatus.CONFLICT, "the change conflicts with the stored data", request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ErrorBody> other(Exception e, HttpServletRequest request) {
        if (e instanceof ErrorResponse framework) {
            HttpStatusCode code = framework.getStatusCode();
            HttpStatus status = HttpStatus.resolve(code.value());
            if (status == null) {
                status = HttpStatus.BAD_REQUEST;
            }
            if (status.is4xxClientError()) {
                String detail = framework.getBody().getDetail();
                return body(status, detail == null ? status.getReasonPhrase() : detail, request);
            }
        }
        log.error("unexpected failure on {} {}", request.getMethod(), request.getRequestURI(), e);
        return body(HttpStatus.INTERNAL_SERVER_ERROR, "unexpected error", request);
    }

    /** The error body with this status and message, for the request's path. */
    public static ResponseEntity<ErrorBody> body(HttpStatus status, String message, HttpServletRequest request) {
        return ResponseEntity.status(status).body(ErrorBody.of(status, message, request.getRequestURI()));
    }

    private static String describe(HttpMessageNotReadableException e) {
        Throwable cause = e.getCause();
        while (cause != null && !(cause instanceof JacksonException) && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        if (cause instanceof UnrecognizedPropertyException u) {
            return "unknown field '" + u.getPropertyName() + "'";
        }
        if (cause instanceof InvalidNullException n) {
            return "'" + path(n) + "' must not be null";
        }
        if (cause instanceof InvalidFormatException f && NoNulStrings.refused(f)) {
            return "'" + path(f) + "' " + NoNulStrings.MESSAGE;
        }
        if (cause instanceof InvalidFormatException f) {
            return "'" + path(f) + "' has an invalid value '" + f.getValue() + "'" + expected(f.getTargetType());
        }
        if (cause instanceof MismatchedInputException m && !path(m).isEmpty()) {
            return "'" + path(m) + "' has the wrong type" + expected(m.getTargetType());
        }
        if (cause instanceof DatabindException d && !path(d).isEmpty()) {
            return "'" + path(d) + "' is invalid";
        }
        if (cause instanceof JacksonException) {
            return "malformed JSON request body";
        }
        return "request body is missing or unreadable";
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "";
        }
        if (type == java.util.UUID.class) {
            return ", expected a UUID";
        }
        if (type == java.time.LocalDateTime.class) {
            return ", expected yyyy-MM-dd'T'HH:mm:ss";
        }
        if (type.isEnum()) {
            return ", expected one of " + java.util.Arrays.toString(type.getEnumConstants());
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return ", expected an array";
        }
        return ", expected " + type.getSimpleName();
    }

    private static String path(DatabindException e) {
        StringBuilder path = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
