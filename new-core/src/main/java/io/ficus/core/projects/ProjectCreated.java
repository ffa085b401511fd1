package io.ficus.core.projects;

import io.ficus.contracts.EntityType;
import io.ficus.contracts.ProjectState;
import io.ficus.core.shared.AggregateChanged;
import io.ficus.core.shared.Origin;
import java.util.UUID;

/** A project was created; {@code creatorId} becomes its admin, {@code defaultProject} gets the default phases. */
public record ProjectCreated(ProjectState project, UUID creatorId, boolean defaultProject, long version, Origin origin) implements AggregateChanged {

    @Override
    public EntityType aggregateType() {
        return EntityType.PROJECT;
    }

    @Override
    public UUID aggregateId() {
        return project.id();
    }

    @Override
    public io.ficus.contracts.EntityState newState() {
        return project;
    }
}
