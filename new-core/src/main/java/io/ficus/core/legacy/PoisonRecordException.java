package io.ficus.core.legacy;

/**
 * A record that can never be applied as it is. Its message names what is wrong but never a
 * value (it reaches logs, dead-letter headers and the admin API).
 */
class PoisonRecordException extends RuntimeException {

    PoisonRecordException(String message) {
        super(message);
    }

    PoisonRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
