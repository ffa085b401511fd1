package io.ficus.contracts;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.LocalDateTime;
import java.util.UUID;

/**
 * A phase's full state.
 *
 * @param id        phase id
 * @param projectId the project whose ordered phase list it belongs to
 * @param name      name
 * @param position  0-based position in the project's list; positions are contiguous
 * @param createdAt creation date-time in the legacy's zone, second precision
 */
public record PhaseState(UUID id, UUID projectId, String name, int position, LocalDateTime createdAt)
        implements EntityState {

    @Override
    @JsonIgnore
    public EntityType entityType() {
        return EntityType.PHASE;
    }
}
