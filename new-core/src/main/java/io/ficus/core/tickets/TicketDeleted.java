package io.ficus.core.tickets;

import io.ficus.contracts.EntityState;
import io.ficus.core.shared.Origin;
import java.util.UUID;
import org.jmolecules.event.annotation.DomainEvent;

/** A ticket was deleted. */
@DomainEvent
public record TicketDeleted(UUID ticketId, UUID projectId, long version, Origin origin) implements TicketEvent {

    @Override
    public UUID aggregateId() {
        return ticketId;
    }

    @Override
    public EntityState newState() {
        return null;
    }
}
