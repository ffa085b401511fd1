package io.ficus.core.shared;

/**
 * Where a change of an aggregate was decided. Read models follow every change; cascades and
 * integration events follow only the core's own decisions, because the legacy's changes arrive
 * with their own cascades and must never be echoed back to it.
 */
public enum Origin {
    /** A command handled by the new core. */
    CORE,
    /** A change applied from the legacy (ticketing.legacy-changes). */
    LEGACY
}
