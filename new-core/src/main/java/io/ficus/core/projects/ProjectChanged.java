package io.ficus.core.projects;

import io.ficus.contracts.EntityState;
import io.ficus.contracts.ProjectState;
import io.ficus.core.shared.Origin;
import org.jmolecules.event.annotation.DomainEvent;

/** A project was renamed or described. */
@DomainEvent
public record ProjectChanged(ProjectState project, long version, Origin origin) implements ProjectEvent {

    @Override
    public EntityState newState() {
        return project;
    }
}
