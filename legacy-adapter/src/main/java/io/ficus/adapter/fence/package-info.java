/**
 * The sync fence (watermark) a cutover waits for: {@code POST /ficus/api/sync/fence} returns once
 * every change committed in the source system before the call has been applied in the other one,
 * or 504 naming the stage that did not complete in time (409: a stage that cannot be checked at
 * all, e.g. no core database configured). The gateway calls it after it stopped admitting a route
 * group's writes and before it switches the group's owner.
 *
 * <h2>LEGACY_TO_CORE</h2>
 * <ol>
 * <li>{@code legacy-fence-row}: sets row 2 of cdc-bridge's heartbeat table
 * ({@code ficus_cdc.heartbeat}, captured by the bridge but never published to a topic) to a value
 * above every earlier fence's ({@code greatest(previous + 1 µs, clock_timestamp())}; concurrent
 * fences serialise on the row, so the values grow in commit order), in a transaction of its own
 * that commits after every write the legacy acknowledged before the call.</li>
 * <li>{@code cdc-bridge}: polls cdc-bridge's {@code GET /ficus/position} until the row-2 value
 * Kafka acknowledged is at least this fence's. The bridge reads the log in commit order and
 * reports a batch only after Kafka acknowledged it and every earlier batch, so every legacy change
 * committed before the fence row is now in a {@code legacy.cdc.*} topic.</li>
 * <li>{@code adapter-inbound}: takes the log-end offsets of the {@code legacy.cdc.*} topics the
 * adapter reads (Kafka Admin {@code listOffsets}) and waits until the adapter's inbound group
 * has committed offsets at or past them. That group commits a poll only after Kafka acknowledged
 * every translation of it ({@code InboundTranslator}), so every translation is now on
 * {@code ticketing.legacy-changes}.</li>
 * <li>{@code core-apply}: the same with the log-end offsets of {@code ticketing.legacy-changes}
 * and the core's consumer group ({@code ficus.adapter.fence.core-consumer-group},
 * {@code new-core-legacy-changes}: the id of new-core's {@code LegacyChangeListener}), which
 * commits a poll after its apply transaction committed.</li>
 * </ol>
 *
 * <h2>CORE_TO_LEGACY</h2>
 * <ol>
 * <li>{@code core-publications}: reads, in the core database (read-only, the reconciliation's
 * {@code ficus.adapter.reconciliation.core-db}, through its pooled {@code CoreDatabase}), the ids of the publications of Spring Modulith's
 * registry ({@code event_publication}) that are incomplete now, and waits until each is completed
 * (or purged). Every change the core committed before the call stored its publication in its own
 * transaction, so the set is complete without comparing clocks; a {@code CoreEvent} publication
 * completes only after Kafka acknowledged the event. When the set held follow-ups (cascades),
 * which publish further events as they complete, the then-incomplete publications are waited for
 * too (at most three rounds). Then, as the core now writes its integration events into an outbox
 * ({@code core_event_outbox}, in the changing transaction) and deletes them once Kafka acknowledged them, it
 * takes the outbox's newest id and waits until no event up to it is left (skipped for a core without an outbox).</li>
 * <li>{@code adapter-outbound}: takes the log-end offsets of {@code ticketing.core-events} and
 * waits until the adapter's outbound group committed at or past them; it commits a poll after each
 * event's legacy transaction committed ({@code CoreEventListener}).</li>
 * </ol>
 *
 * <p>Each stage is polled with a pause doubling from {@code min-backoff} (5 ms) to
 * {@code max-backoff} (20 ms), all stages within one timeout (the request's, ISO-8601 or
 * milliseconds, default 5 s, capped at {@code max-timeout}, 30 s). A check that fails (the
 * bridge restarting, Kafka briefly away) is retried until the timeout, and the 504 names its last
 * error. A partition a group never committed counts from its log start. Meter
 * {@code ficus.adapter.fence}: a timer by {@code direction} and {@code outcome}
 * ({@code ok}, {@code timeout}, {@code failed}).
 *
 * <p>What a fence does not cover: a legacy change that the core skipped after its retries (it is
 * committed past, and reconciliation reports it); a write that reaches a system after the fence
 * started (the gateway must have stopped admitting the group's writes first); a cascade deeper
 * than three rounds. The endpoint lives under {@code /ficus/**}, protected like the rest of the
 * adapter's admin API (an operator action).
 */
package io.ficus.adapter.fence;
