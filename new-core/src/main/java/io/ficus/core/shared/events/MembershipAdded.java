package io.ficus.core.shared.events;

import io.ficus.contracts.EntityType;
import io.ficus.contracts.MembershipState;
import io.ficus.core.shared.AggregateChanged;
import io.ficus.core.shared.Origin;
import java.util.UUID;

/** A user was invited to (or, as creator, made admin of) a project. */
public record MembershipAdded(MembershipState membership, long version, Origin origin) implements AggregateChanged {

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
