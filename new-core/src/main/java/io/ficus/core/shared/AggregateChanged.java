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

    UUID aggregateId();

    /** The aggregate version after the change. */
    long version();

    Origin origin();

    /** The full new state, or {@code null} when the aggregate was deleted. */
    EntityState newState();
}
