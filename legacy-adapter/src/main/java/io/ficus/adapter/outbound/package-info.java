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
 * <p>The events of one poll are written in one such transaction, in their order, with one echo mark, and in a few
 * round trips for the whole poll (issue 14): the recorded versions and the legacy rows of the poll's entities are read
 * and locked with one statement per entity type (in id order, so two writers lock in the same order), the version guard
 * and the write-back guard are decided in memory event by event, the rows are written in JDBC batches (one per run of
 * consecutive events with the same statement) and the new versions recorded in one batch. Each event is decided exactly
 * as alone: a later event of an entity written earlier in the transaction finds the row's writer to be the adapter's own
 * last write-back. Why: at about four round trips per event, the write-back of a poll waited on the legacy database
 * (a round trip costs a few milliseconds on a loaded machine, where the adapter wrote back 70-210 events/s), not on the
 * CPU. A poll with a deletion that removes rows (project, membership, phase: the legacy schema may cascade it) is written
 * event by event, each event reading its row after the ones before. Locks on the written legacy rows are held until the
 * poll's transaction commits. When that transaction fails, the events are written one per transaction, so that only the
 * failing one waits or is set aside.
 */
package io.ficus.adapter.outbound;
