package io.ficus.core.shared.events;

import io.ficus.contracts.EntityType;
import io.ficus.core.shared.AggregateChanged;

/** A phase's events: its new state (or its deletion), version and origin. */
public sealed interface PhaseEvent extends AggregateChanged permits PhaseCreated, PhaseChanged, PhaseDeleted {

    @Override
    default EntityType aggregateType() {
        return EntityType.PHASE;
    }
}
