package io.ficus.core.users;

import io.ficus.contracts.EntityType;
import io.ficus.contracts.UserState;
import io.ficus.core.shared.AggregateChanged;
import io.ficus.core.shared.Origin;
import java.util.UUID;

/** A user's name, email or password changed. */
public record UserChanged(UserState user, long version, Origin origin) implements AggregateChanged {

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
