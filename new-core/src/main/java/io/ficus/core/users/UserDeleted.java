package io.ficus.core.users;

import io.ficus.contracts.EntityState;
import io.ficus.core.shared.Origin;
import java.util.UUID;
import org.jmolecules.event.annotation.DomainEvent;

/** A user deleted their account. */
@DomainEvent
public record UserDeleted(UUID userId, long version, Origin origin) implements UserEvent {

    @Override
    public UUID aggregateId() {
        return userId;
    }

    @Override
    public EntityState newState() {
        return null;
    }
}
