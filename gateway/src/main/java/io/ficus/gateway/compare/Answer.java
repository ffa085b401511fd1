package io.ficus.gateway.compare;

import org.springframework.http.HttpHeaders;

/**
 * One backend's answer to a request, as captured for comparison.
 *
 * @param status     HTTP status code
 * @param headers    response headers
 * @param body       the body, empty when it overflowed the capture limit
 * @param overflowed whether the body was larger than the capture limit
 * @param millis     time to the end of the body
 */
public record Answer(int status, HttpHeaders headers, byte[] body, boolean overflowed, long millis) {

    static Answer of(int status, HttpHeaders headers, BodyCapture capture, long millis) {
        return new Answer(status, headers, capture.bytes(), capture.overflowed(), millis);
    }
}
