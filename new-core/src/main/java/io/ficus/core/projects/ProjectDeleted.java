package io.ficus.core.projects;

import io.ficus.contracts.EntityState;
import io.ficus.core.shared.Origin;
import java.util.UUID;
import org.jmolecules.event.annotation.DomainEvent;

/** A project was deleted; its phases, tickets and memberships go with it. */
@DomainEvent
public record ProjectDeleted(UUID projectId, long version, Origin origin) implements ProjectEvent {

    @Override
    public UUID aggregateId() {
        return projectId;
    }

    @Override
    public EntityState newState() {
        return null;
    }
}
