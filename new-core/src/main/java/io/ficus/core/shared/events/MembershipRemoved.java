package io.ficus.core.shared.events;

import io.ficus.contracts.EntityType;
import io.ficus.core.shared.AggregateChanged;
import io.ficus.core.shared.Origin;
import java.util.UUID;

/** A membership was removed; project and user are null only when the core never knew it. */
public record MembershipRemoved(UUID membershipId, UUID projectId, UUID userId, long version, Origin origin) implements AggregateChanged {

    @Override
    public EntityType aggregateType() {
        return EntityType.MEMBERSHIP;
    }

    @Override
    public UUID aggregateId() {
        return membershipId;
    }

    @Override
    public io.ficus.contracts.EntityState newState() {
        return null;
    }
}
