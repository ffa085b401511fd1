package io.ficus.core.shared.events;

import io.ficus.contracts.EntityType;
import io.ficus.core.shared.AggregateChanged;
import io.ficus.core.shared.Origin;
import java.util.UUID;

/** A phase was removed from its board. */
public record PhaseDeleted(UUID phaseId, UUID projectId, long version, Origin origin) implements AggregateChanged {

    @Override
    public EntityType aggregateType() {
        return EntityType.PHASE;
    }

    @Override
    public UUID aggregateId() {
        return phaseId;
    }

    @Override
    public io.ficus.contracts.EntityState newState() {
        return null;
    }
}
