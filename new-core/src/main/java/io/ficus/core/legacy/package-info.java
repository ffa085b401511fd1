/**
 * Applies changes made in the legacy (canonical events from legacy-adapter on
 * {@code ticketing.legacy-changes}) to the owning modules, as upserts or deletions keyed by id.
 * Each change is applied at most once and never over a newer one: the source position of the
 * last applied change of every entity is kept in the same transaction as the change itself.
 * Applied changes update every module's read models inside the applying transaction (their
 * events carry {@link io.ficus.core.shared.Origin#LEGACY}, and the modules' follow-ups run
 * synchronously for them, without the publication registry), but trigger no cascade (the
 * legacy sends its own) and no integration event, so nothing is echoed back into the legacy.
 * Each poll of a partition is applied in one transaction and acknowledged after it; when that
 * fails, its changes are applied one per transaction so that only the failing one is retried.
 * A change that refers to an entity the core has not received yet is applied all the same: no
 * module keeps foreign keys to another's data.
 *
 * <p><b>Concurrency.</b> Applying a change of a project, phase, ticket or membership takes the
 * project's lock, as the core's own use cases do, so a rule the core checks is never checked
 * against a change applied halfway. A poll that loses a race (a deadlock PostgreSQL broke between
 * two partitions, a version check) is applied again at once as a whole ({@code ConflictRetry}),
 * then one change per transaction, then with the error handler's backoff: never dropped.
 *
 * <p><b>Faults.</b> A change that fails for a transient reason (the database away, a timeout, a
 * lock timeout, anything not known to be permanent: {@code SyncFailures}) is retried without a
 * limit, with exponential backoff up to {@code ficus.core.legacy-change-max-backoff}, while its
 * partition waits ({@code ConsumerRetries}: {@code ficus.core.retrying}, health OUT_OF_SERVICE after
 * 10 s). A change that can never be applied (unreadable, a state of the wrong type, a constraint
 * that will never hold) is set aside on {@code ticketing.dead-letters} with its coordinates and the
 * partition moves on; legacy-adapter's admin API lists and replays it.
 */
package io.ficus.core.legacy;
