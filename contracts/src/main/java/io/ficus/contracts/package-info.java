/**
 * The published language between Ficus components: Kafka topic names, the canonical
 * entity states and the two event envelopes that travel between the legacy side and the
 * new core. Nothing here depends on either side's persistence model: legacy-adapter
 * translates the legacy schema into these types, and the new core emits them for its own
 * aggregates.
 *
 * <p>Time values are {@link java.time.LocalDateTime local date-times} in the legacy's zone
 * (UTC in every shipped configuration), because that is what the public API exposes.
 */
package io.ficus.contracts;
