package io.ficus.core.users;

import io.ficus.contracts.EntityType;
import io.ficus.contracts.UserState;
import io.ficus.core.shared.AggregateChanged;
import io.ficus.core.shared.Origin;
import java.util.UUID;

/** A user registered (or a user appeared in the legacy). */
public record UserRegistered(UserState user, long version, Origin origin) implements AggregateChanged {

    @Override
    public EntityType aggregateType() {
        return EntityType.USER;
    }

    @Override
    public UUID aggregateId() {
        return user.id();
    }

    @Override
    public io.ficus.contracts.EntityState newState() {
        return user;
    }
}
