package io.ficus.core.tickets;

import io.ficus.contracts.EntityType;
import io.ficus.contracts.TicketState;
import io.ficus.core.shared.AggregateChanged;
import io.ficus.core.shared.Origin;
import java.util.UUID;

/** A ticket was created in its project's first phase. */
public record TicketCreated(TicketState ticket, long version, Origin origin) implements AggregateChanged {

    @Override
    public EntityType aggregateType() {
        return EntityType.TICKET;
    }

    @Override
    public UUID aggregateId() {
        return ticket.id();
    }

    @Override
    public io.ficus.contracts.EntityState newState() {
        return ticket;
    }
}
