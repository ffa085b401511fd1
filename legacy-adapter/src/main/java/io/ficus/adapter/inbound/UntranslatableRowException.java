package io.ficus.adapter.inbound;

/**
 * A legacy row that cannot be read as canonical state. The message names the table and the
 * problem but never a column value, so no secret (a password hash) can reach a log. It never
 * passes by itself: the record goes to the dead-letter topic.
 */
class UntranslatableRowException extends io.ficus.adapter.faults.PoisonRecordException {

    UntranslatableRowException(String table, String problem) {
        super("Row of " + table + " " + problem);
    }
}
