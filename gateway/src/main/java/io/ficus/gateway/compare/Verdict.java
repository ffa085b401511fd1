package io.ficus.gateway.compare;

/** The outcome of comparing the legacy's and the new core's answers to one request. */
public enum Verdict {
    /** Same status, compared headers and body (ignore rules applied). */
    MATCH,
    /** The answers differ; the differences say where. */
    MISMATCH,
    /**
     * Not compared: the shadowed system could not be brought to the state the answering system saw within the
     * watermark bound (the sync lagged), or a dry run may have seen the legacy's own write. Counted apart; never a
     * mismatch.
     */
    LAGGED,
    /** One side failed: no answer, a timeout, or a server error only one side gave. */
    ERROR,
    /** Not compared: a body over the capture limit, or the compare queue was full. */
    SKIPPED
}
