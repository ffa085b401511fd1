/**
 * Core to legacy: integration events of the new core in, legacy rows out, written exactly as
 * the legacy application writes them (string ids, delete flags, codes, {@code ;}-joined
 * assignees, UTC local timestamps), so the legacy API answers the same as the core.
 *
 * <p>Each event is written in one legacy transaction together with its version guard and
 * the transaction's echo mark: an older or repeated event changes nothing, and the CDC
 * events of the write are recognised and dropped by the inbound side. Before writing, the legacy
 * row is locked and its last writer checked: a row changed by a legacy write the core event was not
 * based on is a conflict, resolved by the write-back guard (see {@code io.ficus.adapter.sync}).
 *
 * <p>The events of one poll are written in one such transaction, in their order, with one echo mark (a commit and about
 * four round trips per event instead of a transaction of nine); each is checked exactly as alone, since a later event of
 * an entity written earlier in the transaction finds the row's writer to be the adapter's own last write-back. Locks on
 * the written legacy rows are held until the poll's transaction commits. When that transaction fails, the events are
 * written one per transaction, so that only the failing one waits or is set aside.
 */
package io.ficus.adapter.outbound;
