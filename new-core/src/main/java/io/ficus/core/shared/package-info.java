/**
 * Shared kernel: the web conventions every module's API follows exactly as the legacy does
 * (error body, input checks, date-time format, the authenticated {@link io.ficus.core.shared.Caller}),
 * the request-scoped machinery (dry run, request id, follow-up work) and, in {@code events},
 * the domain events the modules exchange.
 *
 * <p><b>Follow-ups and the create-then-use race.</b> Every cross-module reaction is an
 * asynchronous, transactional listener guarded by Spring Modulith's JDBC event publication
 * registry: the publication is stored in the transaction that changed the aggregate, so a crash
 * between commit and listener loses nothing (outstanding publications are resubmitted on restart
 * and periodically). The listeners run on {@link io.ficus.core.shared.FollowUps#EXECUTOR}: inside
 * an HTTP request (or the processing of one Kafka record) their work is queued and drained on the
 * same thread after the use case's transaction completed, and before the response is released to
 * the client. So a client that registers or creates a project and immediately creates a ticket
 * finds every read model already up to date, each follow-up runs in its own short transaction
 * (never nested, one connection at a time), and a failing follow-up is retried from the registry
 * without failing the request that already committed.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package io.ficus.core.shared;
