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
 */
package io.ficus.adapter.outbound;
