/**
 * Phases: each project's board, an ordered list of phases with contiguous positions 0..n-1. A
 * phase that holds tickets, or a project's last phase, cannot be deleted: the module counts
 * tickets per phase in its own read model ({@code phases_ticket}), fed by ticket events, and
 * never asks the tickets module. Creates the default phases of a registered user's default project
 * and removes a deleted project's phases.
 *
 * <p><b>"A phase with tickets is never deleted" under any interleaving.</b> The ticket count is
 * read from {@code phases_ticket}, which the ticket events update inside the transaction that
 * creates, moves or deletes the ticket (a synchronous listener, not a follow-up), and every phase
 * change and every ticket change first takes the project's lock
 * ({@link io.ficus.core.projects.ProjectLocks}). So a deletion either runs after the ticket's
 * transaction and sees it (409, as the legacy), or before it, and then the ticket's transaction
 * sees the phase gone ({@code tickets_phase} is updated by the deletion's own transaction): the
 * ticket lands in the next first phase, a move to it is refused with 400. Each phase still
 * carries its own version.
 *
 * <p><b>Shape.</b> API: the aggregate {@code Phase} (created, changed and deleted by package-private methods that
 * check their precondition and register their event; the {@code Board} of its project keeps positions contiguous, and
 * each phase it shifts registers a change of its own), {@code PhaseManagement} (the use cases, one transaction each),
 * {@code PhaseLegacyChanges} (applies the legacy's changes, called by the legacy module) and the module's events, the
 * family {@code PhaseEvent} in {@code shared.events} ({@code PhaseCreated}, {@code PhaseChanged}, {@code PhaseDeleted}:
 * moving them here would make a cycle with tickets). Inside: {@code PhaseReadModels} keeps its read models of other
 * modules' aggregates (synchronous listeners, inside the changing transaction), {@code TicketCounts} being the one of
 * tickets; {@code PhaseFollowUps} holds its cascades after other modules' decisions ({@code @FollowUp});
 * {@code PhaseRepository} stores a phase and publishes its registered events in the same transaction.
 */
package io.ficus.core.phases;
