package io.ficus.core.tickets;

import io.ficus.contracts.EntityType;
import io.ficus.core.shared.AggregateChanged;
import io.ficus.core.shared.Origin;
import java.util.UUID;

/** A ticket was deleted. */
public record TicketDeleted(UUID ticketId, UUID projectId, long version, Origin origin) implements AggregateChanged {

    @Override
    public EntityType aggregateType() {
        return EntityType.TICKET;
    }

    @Override
    public UUID aggregateId() {
        return ticketId;
    }

    @Override
    public io.ficus.contracts.EntityState newState() {
        return null;
    }
}
