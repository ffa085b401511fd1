/**
 * Reconciliation: proves that both stores hold the same data, and repairs them when not.
 *
 * <p>Both stores are read as sorted streams of canonical states, one entity type at a time,
 * and merged by id: an entity missing on one side, or whose canonical states differ, is
 * drift. The legacy side is read with the very mappers that translate CDC rows (the JDBC row
 * is rendered as cdc-bridge renders it), so reconciliation checks the translation too.
 * Soft-deleted legacy rows count as absent.
 *
 * <p>Full mode compares every entity. Incremental mode compares the states of legacy rows
 * changed since a point in time (every write from either side stamps the legacy row's
 * {@code *_UPD_TS}, the adapter's write-back included) and checks existence of all ids on
 * both sides; a core change that never reached the legacy shows there only as a missing or
 * stale row once it is older than the point given, so run a full pass periodically.
 *
 * <p>Repair re-publishes the current state from the side that owns the entity type
 * ({@code ficus.adapter.owners}): for the legacy, a canonical change at the legacy's current
 * WAL position, which the core applies over anything older; for the core, the core's state
 * written into the legacy rows in a marked (echo-free) transaction.
 */
package io.ficus.adapter.reconcile;
