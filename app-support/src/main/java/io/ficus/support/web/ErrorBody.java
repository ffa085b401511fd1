package io.ficus.support.web;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.springframework.http.HttpStatus;

/**
 * The one error body of the API, whatever went wrong.
 *
 * @param status  the HTTP status code
 * @param error   its reason phrase, such as {@code Conflict}
 * @param message what was refused and why, for a human
 * @param path    the request path, without the query string
 */
@JsonPropertyOrder({"status", "error", "message", "path"})
public record ErrorBody(int status, String error, String message, String path) {

    public static ErrorBody of(HttpStatus status, String message, String path) {
        return new ErrorBody(status.value(), status.getReasonPhrase(), message, path);
    }
}
