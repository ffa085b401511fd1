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
 * A poll is applied set-wise, in segments in which no entity occurs twice: the segment's source positions advanced in
 * one multi-row statement, the core's last own changes of its aggregates read in one query, and each run of consecutive
 * changes of one entity type the guard lets through read, locked (their projects, in id order) and stored in a few
 * round trips by its module ({@code *LegacyChanges.applyAll}: the stored aggregates in one query, the new ones inserted
 * in one multi-row statement, {@code AggregateRepository.saveAll}). The other modules' read models follow the events
 * in the same transaction but hold their writes back until it commits ({@code shared.PendingWrites}), so a read model
 * costs one statement per poll rather than one per change: an initial load spent most of the core's and its database's
 * time writing read models row by row. Within a segment no step reads what another entity's step writes, so the outcome is that
 * of applying the changes one by one ({@code LegacyChangeApplicationTest}). Users are the exception where an email moves
 * between two users of a run: that run is applied one change at a time, so that the user who freed the email is stored
 * before the one who takes it. An initial load (a snapshot of the legacy) brings users, projects, memberships and
 * phases by the hundred thousand: applied one at a time they held a project lock for each change, and the four
 * partitions' transactions queued behind each other's locks (memberships and phases went at 270 and 650 a second here).
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
 *
 * <p><b>Stale legacy changes ({@code StaleChangeGuard}), the mirror of legacy-adapter's write-back guard.</b> A legacy
 * change is stale when the core made a change of the same aggregate that the legacy could not have seen when it
 * wrote: the core's last own change of it ({@code legacy_core_change}, recorded from its integration event in the
 * deciding transaction) has a time ({@code CoreEvent.occurredAt}) at or after the legacy change's commit time (an
 * unknown commit time counts as earlier). Only a legacy change newer than every one applied gets this far, and the
 * core's own changes are based on those, so the one thing it can have missed is a core change: a legacy cascade or
 * direct write that crossed one of the core's on the same row. These are exactly the operands and the comparison of
 * legacy-adapter's guard ({@code io.ficus.adapter.sync.WriteBackGuard}): when it writes the core's event back over that
 * legacy change, it calls the same pair a conflict and lets the core's change win. A stale change is counted
 * ({@code ficus.core.conflicts}, tags {@code type} and {@code resolution}), logged with the entity type and id (never
 * values), and resolved by this rule: <b>the change committed later wins</b>, whoever owns the group's writes — the
 * same rule as legacy-adapter's, so both stores end at the same state:
 * <ul>
 * <li>({@code core-newer-kept}) the change is not applied; its position is recorded, so the core's next change of the
 * aggregate is based on it. No re-publication is needed: the adapter writes the core's pending event over that very
 * legacy change (same comparison, core wins), so the legacy converges on the core's state. Re-publishing here would
 * stamp a fresh time on the core's state and let it overwrite a later legacy change the adapter had rightly kept.
 * (An earlier version let the legacy win when it owned the group, applying the older state and publishing it back:
 * that overwrote the core's later write in both stores, and the sync chaos test caught it with echoes of write-backs
 * arriving after an outage.)</li>
 * <li>a deletion ({@code deletion-applied}) is applied whoever owns the group, and published back to the legacy: a legacy
 * deletion of a row of a group the core owns is a cascade of the legacy's (a deleted project or user), and
 * keeping the child would leave it pointing at nothing on both sides.</li>
 * </ul>
 * Limits: a legacy write that committed after a core change but before the adapter wrote that change back did not see
 * it either, yet it is not detected (the times cannot tell it from a write made after the write-back); the adapter's
 * guard lets it win, and so does the core (it applies it), so both still agree, with the later write winning. Two
 * clocks are compared (the legacy database's and the core's): where both guards compare the same pair they agree
 * whatever the skew, but a legacy clock behind the core's by more than the write-back lag makes a legacy write made
 * after the write-back look stale here (the core, owning the group, would keep a state the legacy no longer has;
 * reconciliation reports it). A field-level merge (a cascade's unassignment over a core rename of the same ticket) is not
 * attempted: one side's whole state wins.
 *
 * <p><b>Shape.</b> {@code LegacyChangeListener} consumes the topic; {@code LegacyChangeApplier} keeps the order,
 * idempotency ({@code SourcePositions}) and staleness ({@code StaleChangeGuard}, asking the app-support library's
 * {@code WriteGuard} who owns a group's writes) of a poll or a change; {@code OwningModules} hands each change to the
 * module that owns its aggregate ({@code *LegacyChanges}) and keeps the aggregate change that module published, which
 * a re-publication sends back.
 */
package io.ficus.core.legacy;
