package io.ficus.core.shared.events;

import io.ficus.contracts.EntityState;
import io.ficus.contracts.MembershipState;
import io.ficus.core.shared.Origin;
import org.jmolecules.event.annotation.DomainEvent;

/** An invitation was accepted or a role changed. */
@DomainEvent
public record MembershipChanged(MembershipState membership, long version, Origin origin) implements MembershipEvent {

    @Override
    public EntityState newState() {
        return membership;
    }
}
