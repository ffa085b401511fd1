package io.ficus.core.shared;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.UUID;
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
     * Stores the aggregates (distinct ids) as {@link #save} each would, the new ones in one round trip
     * ({@link #insertAll}), and then publishes their events in their order, in the caller's transaction. For the
     * legacy's polls: a snapshot brings hundreds of new aggregates at a time.
     */
    public void saveAll(List<A> aggregates) {
        List<A> fresh = new ArrayList<>();
        for (A aggregate : aggregates) {
            if (!aggregate.isUnchanged() && !aggregate.deleted() && aggregate.isNew()) {
                fresh.add(aggregate);
            }
        }
        boolean[] inserted = fresh.isEmpty() ? new boolean[0] : insertAll(fresh);
        Set<A> refused = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int i = 0; i < fresh.size(); i++) {
            if (!inserted[i]) {
                refused.add(fresh.get(i));
            }
        }
        for (A aggregate : aggregates) {
            if (aggregate.isUnchanged()) {
                continue;
            }
            if (refused.contains(aggregate)) {
                aggregate.discardEvents();
                continue;
            }
            if (aggregate.deleted()) {
                delete(aggregate);
            } else if (!aggregate.isNew() && !update(aggregate)) {
                throw new OptimisticLockingFailureException(name + " " + aggregate.id() + " changed concurrently");
            }
        }
        for (A aggregate : aggregates) {
            if (!refused.contains(aggregate)) {
                publish(aggregate);
            }
        }
    }

    /**
     * Inserts new aggregates, as {@link #insert} each would; per aggregate, whether it was inserted (false: its id is
     * stored already). One statement each unless a module stores them in one round trip.
     */
    protected boolean[] insertAll(List<A> aggregates) {
        boolean[] inserted = new boolean[aggregates.size()];
        for (int i = 0; i < inserted.length; i++) {
            inserted[i] = insert(aggregates.get(i));
        }
        return inserted;
    }

    /** Per aggregate, whether its id is among {@code inserted} (the ids a multi-row insert returned). */
    protected static boolean[] insertedOf(List<? extends Aggregate<?>> aggregates, Collection<UUID> inserted) {
        Set<UUID> ids = new HashSet<>(inserted);
        boolean[] flags = new boolean[aggregates.size()];
        for (int i = 0; i < flags.length; i++) {
            flags[i] = ids.contains(aggregates.get(i).id());
        }
        return flags;
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
