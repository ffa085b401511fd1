package io.ficus.adapter.faults;

/**
 * A record that can never be applied as it is. Its message names what is wrong but never a
 * value (it reaches logs, dead-letter headers and the admin API).
 */
public class PoisonRecordException extends RuntimeException {

    public PoisonRecordException(String message) {
        super(message);
    }

    public PoisonRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
