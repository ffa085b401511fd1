/**
 * Integration events: every committed change the core decided (origin CORE) becomes a
 * {@link io.ficus.contracts.CoreEvent} carrying the aggregate's full new state (or its deletion),
 * its version, a fresh event id, the time and the request's {@code X-Request-Id}. The CoreEvent is
 * built inside the changing transaction and written, in that transaction, into the outbox table
 * {@code core_event_outbox} ({@link io.ficus.core.integration.CoreEventOutbox}), so a rolled-back or dry-run change
 * leaves nothing behind and a crash between commit and send loses nothing. One sender thread
 * ({@link io.ficus.core.integration.CoreEventExternalizer}), woken by the commit, sends the outbox to Kafka
 * ({@code ticketing.core-events}, keyed by aggregate id) in rounds: every waiting event in id order, sent without
 * waiting for each acknowledgement, then deleted in one statement once all are acknowledged; a failed round is retried
 * with a backoff and without a limit (at least once). Changes applied from the legacy produce none: no echo.
 *
 * <p>Why an outbox of its own rather than the event publication registry: the registry completes each publication with
 * its own UPDATE after its listener returned, and its listeners run one event at a time on a pool, so the events of one
 * aggregate could reach Kafka out of order and the core published some 140 events a second while committing more.
 * Spring Modulith 2.0's Kafka externalization ({@code spring-modulith-events-kafka}) is such a registry listener too (one
 * send and one completion per event). The outbox's ids are drawn when an event is written, after its change took the
 * aggregate's row lock, so one aggregate's events are in the order of their commits; the single sender (one instance at a
 * time, under an advisory lock) keeps that order on Kafka (an idempotent producer keeps a partition's order).
 *
 * <p>Each event also names the legacy state it was based on: the position and event id of the
 * last legacy change the core applied to the aggregate ({@code legacy_source_position}, read in
 * the changing transaction, so it is exactly the basis of the new state), or nothing for an
 * aggregate that never came from the legacy. legacy-adapter compares it with the legacy row's
 * last writer before writing the event back, and refuses to overwrite a legacy change the core
 * never saw (see legacy-adapter's {@code io.ficus.adapter.sync.WriteBackGuard}).
 */
package io.ficus.core.integration;
