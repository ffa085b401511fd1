package io.ficus.core.phases;

import java.util.UUID;

/** Command: add a phase after {@code previousPhaseId}, or first when it is null. */
public record CreatePhase(UUID projectId, String name, UUID previousPhaseId) {
}
