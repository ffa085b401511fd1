package io.ficus.core.legacy;

import io.ficus.contracts.EntityState;
import io.ficus.contracts.EntityType;
import io.ficus.core.shared.AggregateChanged;
import io.ficus.core.shared.Origin;
import java.util.UUID;
import org.jmolecules.event.annotation.DomainEvent;

/**
 * The state a stale legacy change left in the core, published again as the core's own (so the integration module
 * sends it to the legacy, based on that change): no module reacts to it, it changes nothing in the core.
 */
@DomainEvent
record Republished(EntityType aggregateType, UUID aggregateId, long version, EntityState newState) implements AggregateChanged {

    static Republished of(AggregateChanged applied) {
        return new Republished(applied.aggregateType(), applied.aggregateId(), applied.version(), applied.newState());
    }

    @Override
    public Origin origin() {
        return Origin.CORE;
    }
}
