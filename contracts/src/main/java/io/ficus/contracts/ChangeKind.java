package io.ficus.contracts;

/** Whether an event carries an entity's new full state or its removal. */
public enum ChangeKind {
    /** The entity exists with the state carried by the event (created or changed). */
    UPSERTED,
    /** The entity no longer exists (hard delete, or a legacy soft delete). */
    DELETED
}
