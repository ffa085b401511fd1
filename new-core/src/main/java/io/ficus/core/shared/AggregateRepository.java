package io.ficus.core.shared;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.OptimisticLockingFailureException;

/**
 * Base of the modules' repositories: stores an {@link Aggregate} as its methods left it and then publishes the events
 * it registered, in the caller's transaction. A module says how its rows are deleted, inserted and updated.
 *
 * @param <A> the aggregate
 */
public abstract class AggregateRepository<A extends Aggregate<A>> {

    private final String name;
    private final ApplicationEventPublisher events;

    /**
     * @param name   the aggregate's name in messages, such as {@code ticket}
     * @param events where the registered events go
     */
    protected AggregateRepository(String name, ApplicationEventPublisher events) {
        this.name = name;
        this.events = events;
    }

    /**
     * Stores the aggregate: nothing when it is unchanged, deleted, inserted when new, or updated over the version it was
     * loaded at (refused when someone else changed it meanwhile); then publishes its events. A new aggregate whose id is
     * stored already (a retried cascade) is left as it is, unannounced.
     */
    public A save(A aggregate) {
        if (aggregate.isUnchanged()) {
            return aggregate;
        }
        if (aggregate.deleted()) {
            delete(aggregate);
        } else if (aggregate.isNew()) {
            if (!insert(aggregate)) {
                aggregate.discardEvents();
                return aggregate;
            }
        } else if (!update(aggregate)) {
            throw new OptimisticLockingFailureException(name + " " + aggregate.id() + " changed concurrently");
        }
        publish(aggregate);
        return aggregate;
    }

    /**
     * Publishes the events the aggregate registered, and forgets them (for a store that writes set-wise). Not final:
     * a repository is called through a class proxy, which runs a final method on itself, without this one's fields.
     */
    public void publish(A aggregate) {
        aggregate.publishEvents(events);
    }

    protected abstract void delete(A aggregate);

    /** @return whether it was inserted (false: its id is stored already) */
    protected abstract boolean insert(A aggregate);

    /** Updates the row at {@link Aggregate#storedVersion()}; whether it was there. */
    protected abstract boolean update(A aggregate);
}
