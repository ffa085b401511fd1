/**
 * Tickets: created in their project's first phase, assigned only to accepted members, moved
 * between the project's phases, deleted. The module knows projects, phases and accepted members
 * from its own read models ({@code tickets_project}, {@code tickets_phase}, {@code tickets_member}),
 * fed by the other modules' events before the request that caused them is answered (see the shared
 * kernel), so a ticket created right after its project is accepted as on the legacy. Unassigns
 * removed members and deleted users, and deletes a deleted project's tickets.
 *
 * <p><b>Rules that span modules, under any interleaving.</b> Every ticket change first takes its
 * project's lock ({@link io.ficus.core.projects.ProjectLocks}), as do the phase and membership
 * changes, and the read models are updated inside the transaction of the change they follow (a
 * synchronous listener, not a follow-up). Hence:
 * <ul>
 * <li><i>A ticket never lands in a deleted phase or project.</i> The first phase and the target
 * of a move are read from {@code tickets_phase} under the lock: a phase deleted before is gone
 * from it, one deleted after sees the ticket and refuses (see the phases module). A deleted
 * project's row is gone, so the lock answers 404; tickets created before the deletion are
 * deleted by its cascade.</li>
 * <li><i>An assignee who is no longer a member is never kept.</i> Assignees are checked against
 * {@code tickets_member} under the lock; the removal updates it in its own transaction, so an
 * assignment after it is refused (400). An assignment before it is undone by the unassigning
 * cascade, which takes the lock and reads the tickets afresh, before the removal is answered;
 * if it loses a race it is redone at once ({@code ConflictRetry}) and otherwise by the event
 * publication registry, never dropped.</li>
 * </ul>
 *
 * <p><b>Shape.</b> API: the aggregate {@code Ticket} (its state changes are package-private methods that check their
 * precondition, against the ticket and through {@code TicketRules} the module's read models, and register their event),
 * {@code TicketManagement} (the use cases, one transaction each), {@code TicketLegacyChanges} (applies the legacy's
 * changes, called by the legacy module) and the module's events, the family {@code TicketEvent}: {@code TicketCreated},
 * {@code TicketChanged}, {@code TicketDeleted}. Inside: {@code TicketReadModels} keeps its read models of other
 * modules' aggregates (synchronous listeners, inside the changing transaction), {@code KnownPhases} being the one of
 * phases; {@code TicketFollowUps} holds its cascades after other modules' decisions ({@code @FollowUp});
 * {@code TicketRepository} stores a ticket and publishes its registered events in the same transaction, and
 * {@code TicketBatches} does the same set-wise for a poll of legacy changes.
 */
package io.ficus.core.tickets;
