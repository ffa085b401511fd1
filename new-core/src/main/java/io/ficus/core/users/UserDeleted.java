package io.ficus.core.users;

import io.ficus.contracts.EntityType;
import io.ficus.core.shared.AggregateChanged;
import io.ficus.core.shared.Origin;
import java.util.UUID;

/** A user deleted their account. */
public record UserDeleted(UUID userId, long version, Origin origin) implements AggregateChanged {

    @Override
    public EntityType aggregateType() {
        return EntityType.USER;
    }

    @Override
    public UUID aggregateId() {
        return userId;
    }

    @Override
    public io.ficus.contracts.EntityState newState() {
        return null;
    }
}
