package io.ficus.contracts;

import java.util.Locale;

/**
 * Kafka topic names shared by every component.
 *
 * <p>A non-empty {@code prefix} is prepended to every name; tests use it to give each test
 * class its own topics on a shared broker. Production uses the empty prefix.
 *
 * @param prefix prepended verbatim to every topic name (empty in production)
 */
public record Topics(String prefix) {

    /** Raw legacy row changes, one topic per table: {@code legacy.cdc.<table>}. */
    public static final String LEGACY_CDC_PREFIX = "legacy.cdc.";
    /**
     * Canonical events translated from legacy row changes by legacy-adapter, keyed by entity id,
     * so each entity's changes stay in order while the core applies the partitions in parallel
     * (their count is configured in both legacy-adapter and new-core).
     */
    public static final String LEGACY_CHANGES = "ticketing.legacy-changes";
    /** Integration events of the new core, carrying full aggregate state and version. */
    public static final String CORE_EVENTS = "ticketing.core-events";
    /**
     * Records that can never be applied (unreadable, an unknown code, a constraint that will never
     * hold), set aside by the consumer that read them, with the original key and value and headers
     * naming their source topic, partition and offset, the error and when it failed; replayed to
     * their source topic after a fix.
     */
    public static final String DEAD_LETTERS = "ticketing.dead-letters";

    public Topics {
        prefix = prefix == null ? "" : prefix;
    }

    /** The production names, without a prefix. */
    public static Topics standard() {
        return new Topics("");
    }

    /** The raw change topic of a legacy table, e.g. {@code legacy.cdc.tkt_ticket}. */
    public String legacyCdc(String table) {
        return prefix + LEGACY_CDC_PREFIX + table.toLowerCase(Locale.ROOT);
    }

    public String legacyChanges() {
        return prefix + LEGACY_CHANGES;
    }

    public String coreEvents() {
        return prefix + CORE_EVENTS;
    }

    public String deadLetters() {
        return prefix + DEAD_LETTERS;
    }
}
