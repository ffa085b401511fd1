package io.ficus.core.shared.events;

import io.ficus.contracts.EntityType;
import io.ficus.contracts.PhaseState;
import io.ficus.core.shared.AggregateChanged;
import io.ficus.core.shared.Origin;
import java.util.UUID;

/** A phase was added to a project's board. */
public record PhaseCreated(PhaseState phase, long version, Origin origin) implements AggregateChanged {

    @Override
    public EntityType aggregateType() {
        return EntityType.PHASE;
    }

    @Override
    public UUID aggregateId() {
        return phase.id();
    }

    @Override
    public io.ficus.contracts.EntityState newState() {
        return phase;
    }
}
