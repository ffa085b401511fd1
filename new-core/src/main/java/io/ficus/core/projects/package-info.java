/**
 * Projects: creation (the creator becomes admin through the memberships module), reading,
 * renaming and deletion (phases, tickets and memberships follow through events). Creates each
 * registered user's default project. Keeps its own read model of memberships ({@code projects_member})
 * to answer who may see a project and which projects a caller belongs to.
 *
 * <p><b>Concurrency.</b> The module exposes {@link io.ficus.core.projects.ProjectLocks}: the row of
 * a project in {@code projects_project}, locked {@code FOR UPDATE} until the caller's transaction
 * ends. Every change that touches a project's rules takes it first, in every module (phases,
 * tickets, memberships, this module's own renames and deletions, the cascades that change a
 * project's aggregates and the application of legacy changes), just as the legacy locks its
 * project row: changes of one project run one after the other and both are applied (a rename
 * waits instead of failing a version check), and each sees what the previous one committed. A
 * change that finds the row gone (the project was deleted meanwhile) answers 404, as the legacy.
 * Retrying on a failed version check alone was not chosen: it cannot keep a rule that spans
 * modules (two transactions that each write only their own module's rows never conflict), and
 * under contention every loser redoes its whole unit of work after a backoff, where the lock only
 * makes it wait. A unit of work that still loses a race is retried all the same
 * ({@code ConflictRetry} in the shared kernel). Throughput and p99 under contention, beside the
 * legacy's: {@code ConcurrencyBenchmark} in e2e.
 *
 * <p><b>Shape.</b> API: the aggregate {@code Project} (created, changed and deleted by package-private methods that
 * check their precondition and register their event), {@code ProjectManagement} (the use cases, one transaction each),
 * {@code ProjectLegacyChanges} (applies the legacy's changes, called by the legacy module) and the module's events, the
 * family {@code ProjectEvent} ({@code ProjectCreated}, {@code ProjectChanged}, {@code ProjectDeleted}), and {@code
 * ProjectAbandoned} (which the memberships module reports and this module acts on). Inside: {@code ProjectReadModels}
 * keeps its read models of other modules' aggregates (synchronous listeners, inside the changing transaction); {@code
 * ProjectFollowUps} holds its cascades after other modules' decisions ({@code @FollowUp}); {@code ProjectRepository}
 * stores a project and publishes its registered events in the same transaction.
 */
package io.ficus.core.projects;
