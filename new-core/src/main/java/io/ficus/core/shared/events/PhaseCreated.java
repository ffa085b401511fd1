package io.ficus.core.shared.events;

import io.ficus.contracts.EntityState;
import io.ficus.contracts.PhaseState;
import io.ficus.core.shared.Origin;
import org.jmolecules.event.annotation.DomainEvent;

/** A phase was added to a project's board. */
@DomainEvent
public record PhaseCreated(PhaseState phase, long version, Origin origin) implements PhaseEvent {

    @Override
    public EntityState newState() {
        return phase;
    }
}
