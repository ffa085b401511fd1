package io.ficus.core.projects;

import io.ficus.contracts.EntityType;
import io.ficus.core.shared.AggregateChanged;

/** A project's events: its new state (or its deletion), version and origin. */
public sealed interface ProjectEvent extends AggregateChanged permits ProjectCreated, ProjectChanged, ProjectDeleted {

    @Override
    default EntityType aggregateType() {
        return EntityType.PROJECT;
    }
}
