package io.ficus.cdc;

/** The legacy database cannot be captured; the message says why and what to do. */
class CdcStartupException extends RuntimeException {

    CdcStartupException(String message) {
        super(message);
    }
}
