/**
 * Bookkeeping shared by both directions, kept in the {@code ficus} schema of the legacy
 * database: which legacy transactions the adapter itself wrote (so their CDC events are
 * recognised as echoes and dropped), which core aggregate version was last written, in which
 * legacy transaction, and the write-back guard.
 *
 * <h2>Echo marks ({@link io.ficus.adapter.sync.SyncMarks}, {@link io.ficus.adapter.sync.SyncMarkPurge})</h2>
 * Every write-back transaction inserts its full 64-bit id ({@code pg_current_xact_id()}) into
 * {@code ficus.sync_mark} in the same transaction. A captured change carries the 32-bit id logical
 * decoding reports; it is widened to the nearest full id at or before the newest assigned one, so a
 * 32-bit id that comes round again after wraparound never matches an old mark. A background job on
 * Spring's task scheduler ({@code ficus.adapter.sync-marks.purge-interval}, 1 min) deletes the marks
 * of transactions older than a horizon once every logical slot of the legacy database has confirmed
 * the horizon's WAL position and the inbound listener has committed the CDC topics' end offsets
 * taken after that; {@code ficus.adapter.sync.marks} shows how many are kept,
 * {@code ficus.adapter.sync.marks.purged} how many went.
 *
 * <h2>No stale write-back ({@link io.ficus.adapter.sync.WriteBackGuard})</h2>
 * A core event is written over a legacy row only when the row has not changed since the state the
 * event was based on. Each {@code CoreEvent} names the last legacy change the core had applied to
 * the aggregate ({@code basedOnLegacyLsn} and {@code basedOnLegacyEventId}, read by new-core's
 * externalizer in the changing transaction). At write-back the adapter locks the legacy row
 * ({@code select ... for update}) and reads its last writer ({@code xmin}) and that writer's
 * commit time ({@code pg_xact_commit_timestamp(xmin)}), then:
 * <ul>
 * <li>no row: write ({@code WRITE_ABSENT});</li>
 * <li>the last writer is the adapter's own last write-back of the entity: write
 * ({@code WRITE_OWN}). That transaction's full 64-bit id ({@code pg_current_xact_id()}) is kept in
 * {@code applied_version.legacy_xid}; the row's 32-bit {@code xmin} is widened to the nearest full
 * id at or before the current one, so an id that came round again in a later epoch never
 * matches;</li>
 * <li>the last writer is the legacy change the event was based on: write ({@code WRITE_BASED_ON}).
 * The inbound translation derives a change's event id from its table, entity id, operation, LSN and
 * 32-bit transaction id, so the basis's event id, recomputed with the row's {@code xmin}, tells
 * whether that transaction made the change (the LSN makes the match unique);</li>
 * <li>otherwise the row was changed by a legacy write the core had not seen: a conflict, counted
 * ({@code ficus.adapter.conflicts}, tags {@code type} and {@code resolution}) and logged with the
 * entity type and id (never values). <b>The change committed later wins</b>: the legacy commit
 * time against the core event's {@code occurredAt}. When the legacy's is later
 * ({@code SKIP_CONFLICT_LEGACY_NEWER}), the write-back is skipped (its version is still recorded,
 * so it is not retried), the row keeps the client's write, and that write reaches the core through
 * CDC as usual: it is not marked as an echo. When the core's is later
 * ({@code WRITE_CONFLICT_CORE_NEWER}), it is written. A legacy writer without a commit time
 * (committed before commit timestamps were tracked) counts as older.</li>
 * </ul>
 * Limits: the two times come from two clocks (the legacy database's and the core's); with
 * {@code track_commit_timestamp=off} on the legacy database every conflict resolves for the core
 * (a warning is logged once); a core event based on a snapshot read of the row counts its first
 * write-back as a (core-newer) conflict, since the snapshot's transaction is not the row's writer;
 * when the core's change wins, the legacy change it overwrote still reaches the core through CDC
 * unless the core applies the same guard to legacy changes. Repair ({@code overwrite}) writes
 * without the guard, by design.
 */
package io.ficus.adapter.sync;
