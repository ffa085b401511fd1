package io.ficus.core.shared.events;

import io.ficus.contracts.EntityState;
import io.ficus.core.shared.Origin;
import java.util.UUID;
import org.jmolecules.event.annotation.DomainEvent;

/** A phase was removed from its board. */
@DomainEvent
public record PhaseDeleted(UUID phaseId, UUID projectId, long version, Origin origin) implements PhaseEvent {

    @Override
    public UUID aggregateId() {
        return phaseId;
    }

    @Override
    public EntityState newState() {
        return null;
    }
}
