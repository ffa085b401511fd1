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
 * A reaction to another module's event. Handlers must be idempotent.
 * <ul>
 * <li>For the core's own decisions (every event but an {@link AggregateChanged} of
 * {@link Origin#LEGACY}) it is registry-guarded: it runs after the publishing transaction
 * committed, in its own transaction, on the {@link FollowUps} of the unit of work that caused
 * it; the event publication registry records it with the event and marks it complete only when
 * it succeeded, so it is retried after a failure or a crash.</li>
 * <li>For a change applied from the legacy it runs synchronously inside the applying transaction
 * ({@link LegacyFollowUps}): the legacy change itself is the durable record (its Kafka offset is
 * committed only after that transaction), so the registry would add a write and a transaction
 * per handler and nothing else. Such handlers only update read models; the legacy sends its own
 * cascades.</li>
 * </ul>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Async(FollowUps.EXECUTOR)
@Transactional(propagation = Propagation.REQUIRES_NEW)
@TransactionalEventListener(condition = "T(io.ficus.core.shared.FollowUps).isDeferred(#root.args[0])")
public @interface FollowUp {
}
