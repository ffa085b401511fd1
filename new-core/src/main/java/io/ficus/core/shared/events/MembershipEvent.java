package io.ficus.core.shared.events;

import io.ficus.contracts.EntityType;
import io.ficus.core.shared.AggregateChanged;

/** A membership's events: its new state (or its deletion), version and origin. */
public sealed interface MembershipEvent extends AggregateChanged permits MembershipAdded, MembershipChanged, MembershipRemoved {

    @Override
    default EntityType aggregateType() {
        return EntityType.MEMBERSHIP;
    }
}
