package io.ficus.core.shared;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.scheduling.annotation.Async;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * A cascade: a change one module makes to its own aggregates because of another module's decision
 * (a default project for a registered user, a removed member unassigned from tickets, a deleted
 * project's phases...). Handlers must be idempotent. It runs only for the core's own decisions
 * (every event but an {@link AggregateChanged} of {@link Origin#LEGACY}: the legacy sends its own
 * cascades), after the publishing transaction committed, in its own transaction, on the
 * {@link FollowUps} of the unit of work that caused it; the event publication registry records it
 * with the event and marks it complete only when it succeeded, so it is retried after a failure or
 * a crash (and at once, a few times, when it lost a race, see {@link ConflictRetry}).
 *
 * <p>Read models of other modules' aggregates are not follow-ups: they are plain synchronous
 * {@code @EventListener}s, updated inside the transaction of the change they follow, whatever its
 * origin, so that a rule checked against a read model sees exactly what is committed.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Async(FollowUps.EXECUTOR)
@Transactional(propagation = Propagation.REQUIRES_NEW)
@TransactionalEventListener(condition = "T(io.ficus.core.shared.FollowUps).isDeferred(#root.args[0])")
public @interface FollowUp {
}
