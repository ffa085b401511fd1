package io.ficus.core.shared.events;

import io.ficus.contracts.EntityState;
import io.ficus.contracts.MembershipState;
import io.ficus.core.shared.Origin;

/** An invitation was accepted or a role changed. */
public record MembershipChanged(MembershipState membership, long version, Origin origin) implements MembershipEvent {

    @Override
    public EntityState newState() {
        return membership;
    }
}
