package io.ficus.core.projects;

import io.ficus.contracts.EntityState;
import io.ficus.contracts.ProjectState;
import io.ficus.core.shared.Origin;
import java.util.UUID;
import org.jmolecules.event.annotation.DomainEvent;

/** A project was created; {@code creatorId} becomes its admin, {@code defaultProject} gets the default phases. */
@DomainEvent
public record ProjectCreated(ProjectState project, UUID creatorId, boolean defaultProject, long version, Origin origin) implements ProjectEvent {

    @Override
    public EntityState newState() {
        return project;
    }
}
