package io.ficus.core.projects;

import io.ficus.contracts.EntityType;
import io.ficus.core.shared.AggregateChanged;
import io.ficus.core.shared.Origin;
import java.util.UUID;

/** A project was deleted; its phases, tickets and memberships go with it. */
public record ProjectDeleted(UUID projectId, long version, Origin origin) implements AggregateChanged {

    @Override
    public EntityType aggregateType() {
        return EntityType.PROJECT;
    }

    @Override
    public UUID aggregateId() {
        return projectId;
    }

    @Override
    public io.ficus.contracts.EntityState newState() {
        return null;
    }
}
