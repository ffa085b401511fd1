package io.ficus.core.shared.events;

import io.ficus.contracts.EntityType;
import io.ficus.contracts.MembershipState;
import io.ficus.core.shared.AggregateChanged;
import io.ficus.core.shared.Origin;
import java.util.UUID;

/** An invitation was accepted or a role changed. */
public record MembershipChanged(MembershipState membership, long version, Origin origin) implements AggregateChanged {

    @Override
    public EntityType aggregateType() {
        return EntityType.MEMBERSHIP;
    }

    @Override
    public UUID aggregateId() {
        return membership.id();
    }

    @Override
    public io.ficus.contracts.EntityState newState() {
        return membership;
    }
}
