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
 * A registry-guarded reaction to another module's event: runs after the publishing transaction
 * committed, in its own transaction, on the {@link FollowUps} of the unit of work that caused it.
 * The event publication registry records it with the event and marks it complete only when it
 * succeeded, so it is retried after a failure or a crash. Handlers must be idempotent.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Async(FollowUps.EXECUTOR)
@Transactional(propagation = Propagation.REQUIRES_NEW)
@TransactionalEventListener
public @interface FollowUp {
}
