package io.ficus.core.users;

import io.ficus.contracts.EntityType;
import io.ficus.core.shared.AggregateChanged;

/** A user's events: its new state (or its deletion), version and origin. */
public sealed interface UserEvent extends AggregateChanged permits UserRegistered, UserChanged, UserDeleted {

    @Override
    default EntityType aggregateType() {
        return EntityType.USER;
    }
}
