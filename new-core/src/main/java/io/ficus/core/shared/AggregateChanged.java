package io.ficus.core.shared;

import io.ficus.contracts.EntityState;
import io.ficus.contracts.EntityType;
import java.util.UUID;

/**
 * A domain event that reports one aggregate's new state (or its removal) and version; the
 * integration module turns those of {@link Origin#CORE} into integration events.
 */
public interface AggregateChanged {

    EntityType aggregateType();

    /** The changed aggregate's id: that of its new state unless the event reports a deletion. */
    default UUID aggregateId() {
        return newState().id();
    }

    /** The aggregate version after the change. */
    long version();

    Origin origin();

    /** The full new state, or {@code null} when the aggregate was deleted. */
    EntityState newState();
}
