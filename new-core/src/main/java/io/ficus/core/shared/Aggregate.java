package io.ficus.core.shared;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.AbstractAggregateRoot;

/**
 * Base of the core's aggregates: the version the aggregate is at and the one it was loaded at, whether it was deleted,
 * and the events its methods registered. A state change is a method of the aggregate that checks its precondition,
 * changes the state and registers its event with the next version; the module's repository ({@link AggregateRepository})
 * stores the aggregate (over the version it was loaded at) and then publishes those events, in the same transaction.
 *
 * @param <A> the aggregate's own type
 */
public abstract class Aggregate<A extends Aggregate<A>> extends AbstractAggregateRoot<A> {

    private long version;
    private final long storedVersion;
    private boolean deleted;

    /**
     * @param version       the version the aggregate is at
     * @param storedVersion the version stored in the database, 0 when it is not stored yet
     */
    protected Aggregate(long version, long storedVersion) {
        this.version = version;
        this.storedVersion = storedVersion;
    }

    /** The aggregate's id. */
    public abstract java.util.UUID id();

    /** Aggregate version: 1 when created, +1 per change. */
    public final long version() {
        return version;
    }

    /** The version stored in the database, 0 when the aggregate is new. */
    public final long storedVersion() {
        return storedVersion;
    }

    public final boolean isNew() {
        return storedVersion == 0;
    }

    public final boolean deleted() {
        return deleted;
    }

    /** Whether the aggregate is as it was loaded: nothing to store, no event. */
    public final boolean isUnchanged() {
        return !deleted && version == storedVersion;
    }

    /** Moves the aggregate to its next version, which the change's event carries. */
    protected final long nextVersion() {
        return ++version;
    }

    /** Marks the aggregate deleted; the version its deletion event carries. */
    protected final long markDeleted() {
        deleted = true;
        return version + 1;
    }

    /** Publishes the events registered since the aggregate was loaded, in order, and forgets them. */
    public final void publishEvents(ApplicationEventPublisher publisher) {
        domainEvents().forEach(publisher::publishEvent);
        clearDomainEvents();
    }

    /** Forgets the registered events unpublished (the change was not stored: the aggregate existed already). */
    public final void discardEvents() {
        clearDomainEvents();
    }
}
