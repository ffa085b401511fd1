package io.ficus.core.users;

import io.ficus.contracts.EntityState;
import io.ficus.contracts.UserState;
import io.ficus.core.shared.Origin;
import org.jmolecules.event.annotation.DomainEvent;

/** A user's name, email or password changed. */
@DomainEvent
public record UserChanged(UserState user, long version, Origin origin) implements UserEvent {

    @Override
    public EntityState newState() {
        return user;
    }
}
