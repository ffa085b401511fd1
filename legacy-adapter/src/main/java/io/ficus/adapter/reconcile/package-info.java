/**
 * Reconciliation: proves that both stores hold the same data, and repairs them when not.
 *
 * <p>Both stores are read as sorted streams of canonical states, one entity type at a time,
 * and merged by id: an entity missing on one side, or whose canonical states differ, is
 * drift. The legacy side is read with the very mappers that translate CDC rows (the JDBC row
 * is rendered as cdc-bridge renders it), so reconciliation checks the translation too.
 * Soft-deleted legacy rows count as absent.
 *
 * <p>Full mode compares every entity. Incremental mode compares the states of the entities
 * either side wrote since a point in time (the legacy stamps {@code *_UPD_TS} on every write,
 * the adapter's write-back included; the core stamps {@code changed_at} on every write,
 * applied legacy changes included) and checks existence of all ids on both sides. Both stamps
 * are taken when the writing transaction runs, before it commits: give the point a margin
 * (the longest transaction) when chaining incremental runs.
 *
 * <p>Repair re-publishes the current state from the side that owns the entity type
 * ({@code ficus.adapter.owners}): for the legacy, a canonical change at the legacy's current
 * WAL position, which the core applies over anything older; for the core, the core's state
 * written into the legacy rows in a marked (echo-free) transaction.
 *
 * <p>The core's database is read through {@code CoreDatabase}, a small read-only HikariCP pool
 * shared with the sync fence, opened on first use and not a {@code DataSource} bean (the legacy
 * database stays the one Spring Boot configures, migrates and health-checks).
 */
package io.ficus.adapter.reconcile;
