/**
 * Integration events: every committed change the core decided (origin CORE) becomes a
 * {@link io.ficus.contracts.CoreEvent} carrying the aggregate's full new state (or its deletion),
 * its version, a fresh event id, the time and the request's {@code X-Request-Id}. The CoreEvent is
 * built inside the changing transaction and published as an application event, so the publication
 * registry stores it with the change (a rolled-back or dry-run change leaves nothing behind). It is
 * sent to Kafka ({@code ticketing.core-events}, keyed by aggregate id) asynchronously after the
 * commit; a failed send stays in the registry as failed and is resubmitted until Kafka takes it
 * (at least once). Changes applied from the legacy produce none: no echo.
 *
 * <p>Each event also names the legacy state it was based on: the position and event id of the
 * last legacy change the core applied to the aggregate ({@code legacy_source_position}, read in
 * the changing transaction, so it is exactly the basis of the new state), or nothing for an
 * aggregate that never came from the legacy. legacy-adapter compares it with the legacy row's
 * last writer before writing the event back, and refuses to overwrite a legacy change the core
 * never saw (see legacy-adapter's {@code io.ficus.adapter.sync.WriteBackGuard}).
 */
package io.ficus.core.integration;
