package io.ficus.core.tickets;

import io.ficus.contracts.EntityType;
import io.ficus.core.shared.AggregateChanged;

/** A ticket's events: its new state (or its deletion), version and origin. */
public sealed interface TicketEvent extends AggregateChanged permits TicketCreated, TicketChanged, TicketDeleted {

    @Override
    default EntityType aggregateType() {
        return EntityType.TICKET;
    }
}
