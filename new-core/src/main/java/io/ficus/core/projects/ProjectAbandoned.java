package io.ficus.core.projects;

import java.util.UUID;

/** The project's last accepted admin deleted their account: the project must go, as in the legacy. */
public record ProjectAbandoned(UUID projectId) {
}
