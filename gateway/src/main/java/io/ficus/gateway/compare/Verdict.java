package io.ficus.gateway.compare;

/** The outcome of comparing the legacy's and the new core's answers to one request. */
public enum Verdict {
    /** Same status, compared headers and body (ignore rules applied). */
    MATCH,
    /** The answers differ; the differences say where. */
    MISMATCH,
    /** One side failed: no answer, a timeout, or a server error only one side gave. */
    ERROR,
    /** Not compared: a body over the capture limit, or the compare queue was full. */
    SKIPPED
}
