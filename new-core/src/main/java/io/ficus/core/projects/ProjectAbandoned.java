package io.ficus.core.projects;

import java.util.UUID;
import org.jmolecules.event.annotation.DomainEvent;

/** The project's last accepted admin deleted their account: the project must go, as in the legacy. */
@DomainEvent
public record ProjectAbandoned(UUID projectId) {
}
