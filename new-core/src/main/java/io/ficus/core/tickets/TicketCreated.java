package io.ficus.core.tickets;

import io.ficus.contracts.EntityState;
import io.ficus.contracts.TicketState;
import io.ficus.core.shared.Origin;
import org.jmolecules.event.annotation.DomainEvent;

/** A ticket was created in its project's first phase. */
@DomainEvent
public record TicketCreated(TicketState ticket, long version, Origin origin) implements TicketEvent {

    @Override
    public EntityState newState() {
        return ticket;
    }
}
