package io.ficus.support.web;

import java.io.IOException;

/** Thrown by the request body's stream when a body sent without a length crosses the limit. */
class BodyTooLargeException extends IOException {

    BodyTooLargeException(String limit) {
        super("request body must be at most " + limit);
    }
}
