package io.ficus.core.users;

import io.ficus.contracts.EntityState;
import io.ficus.contracts.UserState;
import io.ficus.core.shared.Origin;
import org.jmolecules.event.annotation.DomainEvent;

/** A user registered (or a user appeared in the legacy). */
@DomainEvent
public record UserRegistered(UserState user, long version, Origin origin) implements UserEvent {

    @Override
    public EntityState newState() {
        return user;
    }
}
