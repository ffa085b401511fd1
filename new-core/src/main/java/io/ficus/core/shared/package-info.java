/**
 * Shared kernel: what the core adds to the web conventions of the app-support library, which the legacy installs too
 * ({@code io.ficus.support.web}: error body, request limits, strict JSON, input checks): the date-time format, the
 * authenticated {@link io.ficus.core.shared.Caller}, the core's own error answers ({@code CoreApiErrors}),
 * the request-scoped machinery (dry run, request id, follow-up work), the base of every aggregate
 * ({@link io.ficus.core.shared.Aggregate}: versions, and the events its methods register, which its
 * {@link io.ficus.core.shared.AggregateRepository} publishes after storing it) and of every domain event ({@link io.ficus.core.shared.AggregateChanged}, {@link io.ficus.core.shared.Origin}),
 * the read-model tables every module keeps of others' aggregates ({@code IdTable}, {@code MemberTable}, each following an
 * aggregate's event family) and, in the named interface {@code events}, the events of the two modules that another
 * module both listens to and is listened to by.
 * It is a closed module: other modules see its root package and {@code events}, nothing else.
 * Every aggregate root is marked {@code @AggregateRoot} and every domain event {@code @DomainEvent} (jMolecules), so that
 * Spring Modulith's module canvases list each module's aggregates and the events it publishes with the aggregate
 * methods that create them.
 *
 * <p><b>Read models and follow-ups.</b> A module's read model of another module's aggregates (the
 * {@code *_project}, {@code *_member}, {@code *_phase}, {@code *_ticket} tables) is updated by a
 * synchronous {@code @EventListener}, inside the transaction of the change it follows, whatever
 * its origin: a rule checked against a read model sees exactly what is committed, never a change
 * whose event has not arrived yet. The listener's writes are held back until the transaction commits
 * or the table is next read ({@link io.ficus.core.shared.PendingWrites}), and then written with one
 * multi-row statement per run of like writes: a poll of legacy changes costs each read model one
 * statement, not one per change. A cascade, a module changing its own aggregates because of
 * another's decision, is a {@link io.ficus.core.shared.FollowUp}: an asynchronous, transactional
 * listener guarded by Spring Modulith's JDBC event publication registry. The publication is stored
 * in the transaction that changed the aggregate, so a crash between commit and listener loses
 * nothing (outstanding publications are resubmitted on restart and periodically). Follow-ups run
 * on {@link io.ficus.core.shared.FollowUps#EXECUTOR}: inside an HTTP request (or the processing of
 * one Kafka record) their work is queued and drained on the same thread after the use case's
 * transaction completed, and before the response is released to the client, each in its own short
 * transaction (never nested, one connection at a time); a failing follow-up is retried from the
 * registry without failing the request that already committed.
 *
 * <p><b>Races.</b> Changes of one project are serialised on the project's lock (see the projects
 * module). A unit of work that still loses a race (a version check, a deadlock) is redone whole,
 * with its events, by {@link io.ficus.core.shared.ConflictRetry}, inside the same request, so a
 * client gets the answer the legacy would have given rather than a 409.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Shared")
package io.ficus.core.shared;
