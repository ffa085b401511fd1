package io.ficus.legacy.web;

import java.io.IOException;

/** Thrown by the request body's stream when a body sent without a length crosses the limit. */
public class BodyTooLargeException extends IOException {

    public BodyTooLargeException(String limit) {
        super("request body must be at most " + limit);
    }
}
