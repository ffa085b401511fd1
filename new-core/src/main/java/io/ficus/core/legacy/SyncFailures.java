package io.ficus.core.legacy;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

/**
 * Tells a failure that goes away by itself (a database or Kafka away, a lost connection, a
 * timeout, a lock timeout, a serialization failure or deadlock) from one that no retry will ever
 * cure (a poison record: unreadable, an unknown code, a constraint that will never hold).
 *
 * <p>The whole cause chain is read: one transient cause anywhere makes the failure transient.
 * A failure that is neither known transient nor known poison counts as transient: it is retried
 * (visibly, in metrics and health) rather than set aside, so an unforeseen error never drops a
 * change; an operator fixes its cause and the partition moves on.
 */
final class SyncFailures {

    /** What to do with a record that failed. */
    enum Kind {
        /** Retry without a limit, with backoff; the partition waits. */
        TRANSIENT,
        /** Set aside on the dead-letter topic; the partition moves on. */
        POISON
    }

    private static final Set<String> TRANSIENT = Set.of(
            "org.springframework.dao.TransientDataAccessException",
            "org.springframework.dao.RecoverableDataAccessException",
            "org.springframework.dao.DataAccessResourceFailureException",
            "org.springframework.dao.PessimisticLockingFailureException",
            "org.springframework.transaction.CannotCreateTransactionException",
            "org.springframework.transaction.TransactionTimedOutException",
            "org.apache.kafka.common.errors.RetriableException",
            "java.io.IOException",
            "java.util.concurrent.TimeoutException",
            "java.lang.InterruptedException");

    private static final Set<String> POISON = Set.of(
            PoisonRecordException.class.getName(),
            "tools.jackson.core.JacksonException",
            "com.fasterxml.jackson.core.JacksonException",
            "org.springframework.kafka.support.serializer.DeserializationException",
            "org.springframework.messaging.converter.MessageConversionException",
            "org.springframework.dao.DataIntegrityViolationException",
            "org.apache.kafka.common.errors.RecordTooLargeException",
            "org.apache.kafka.common.errors.SerializationException",
            "java.lang.ClassCastException",
            "java.lang.IllegalArgumentException",
            "java.lang.NullPointerException",
            "java.time.DateTimeException");

    /** Any other Kafka client error (the broker away, a send that timed out) is transient. */
    private static final String KAFKA_EXCEPTION = "org.apache.kafka.common.KafkaException";

    private SyncFailures() {
    }

    static Kind classify(Throwable failure) {
        boolean poison = false;
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 32; t = t.getCause() == t ? null : t.getCause(), depth++) {
            if (isTransient(t)) {
                return Kind.TRANSIENT;
            }
            poison |= isA(t, POISON);
        }
        return poison ? Kind.POISON : Kind.TRANSIENT;
    }

    private static boolean isTransient(Throwable t) {
        if (t instanceof SQLTransientException || t instanceof SQLRecoverableException) {
            return true;
        }
        if (t instanceof SQLException sql && sql.getSQLState() != null && transientState(sql.getSQLState())) {
            return true;
        }
        return isA(t, TRANSIENT) || (isA(t, Set.of(KAFKA_EXCEPTION)) && !isA(t, POISON));
    }

    /**
     * PostgreSQL's SQLSTATE classes that pass: 08 connection, 40 serialization failure and
     * deadlock, 53 insufficient resources, 57 operator intervention (a shutdown, a cancelled
     * statement), 58 system error, 55P03 lock not available, 55006 object in use.
     */
    static boolean transientState(String state) {
        return state.startsWith("08") || state.startsWith("40") || state.startsWith("53") || state.startsWith("57")
                || state.startsWith("58") || state.equals("55P03") || state.equals("55006");
    }

    private static boolean isA(Throwable t, Set<String> names) {
        for (Class<?> c = t.getClass(); c != null; c = c.getSuperclass()) {
            if (names.contains(c.getName())) {
                return true;
            }
        }
        return false;
    }

    /**
     * What went wrong, fit for logs, headers and the admin API: the classes of the cause chain and
     * any SQLSTATE, never a message (messages of parsers and of constraint violations quote values,
     * which may be a password hash).
     */
    static String describe(Throwable failure) {
        var out = new StringBuilder();
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 8; t = t.getCause() == t ? null : t.getCause(), depth++) {
            if (t instanceof org.springframework.kafka.listener.ListenerExecutionFailedException
                    || t instanceof PoisonRecordException && t.getCause() != null) {
                continue;
            }
            if (!out.isEmpty()) {
                out.append(" <- ");
            }
            out.append(t.getClass().getSimpleName());
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                out.append('[').append(sql.getSQLState()).append(']');
            }
            if (t instanceof PoisonRecordException && t.getMessage() != null) {
                out.append(": ").append(t.getMessage());
            }
        }
        return out.toString();
    }
}
