package io.ficus.core.shared.events;

import io.ficus.contracts.EntityState;
import io.ficus.contracts.PhaseState;
import io.ficus.core.shared.Origin;
import org.jmolecules.event.annotation.DomainEvent;

/** A phase was renamed or moved (or renumbered by a neighbour's move). */
@DomainEvent
public record PhaseChanged(PhaseState phase, long version, Origin origin) implements PhaseEvent {

    @Override
    public EntityState newState() {
        return phase;
    }
}
