package io.ficus.core.shared.events;

import io.ficus.contracts.EntityState;
import io.ficus.contracts.MembershipState;
import io.ficus.core.shared.Origin;
import org.jmolecules.event.annotation.DomainEvent;

/** A user was invited to (or, as creator, made admin of) a project. */
@DomainEvent
public record MembershipAdded(MembershipState membership, long version, Origin origin) implements MembershipEvent {

    @Override
    public EntityState newState() {
        return membership;
    }
}
