package io.ficus.core.shared;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.springframework.http.HttpStatus;

/**
 * The error body every endpoint answers with, exactly as the legacy does.
 *
 * @param status  HTTP status code
 * @param error   HTTP reason phrase
 * @param message what went wrong, for a person
 * @param path    the request path, without the query string
 */
@JsonPropertyOrder({"status", "error", "message", "path"})
public record ApiError(int status, String error, String message, String path) {

    public static ApiError of(HttpStatus status, String message, String path) {
        return new ApiError(status.value(), status.getReasonPhrase(), message, path);
    }
}
