package io.ficus.core.shared.events;

import io.ficus.contracts.EntityState;
import io.ficus.core.shared.Origin;
import java.util.UUID;
import org.jmolecules.event.annotation.DomainEvent;

/** A membership was removed; project and user are null only when the core never knew it. */
@DomainEvent
public record MembershipRemoved(UUID membershipId, UUID projectId, UUID userId, long version, Origin origin) implements MembershipEvent {

    @Override
    public UUID aggregateId() {
        return membershipId;
    }

    @Override
    public EntityState newState() {
        return null;
    }
}
