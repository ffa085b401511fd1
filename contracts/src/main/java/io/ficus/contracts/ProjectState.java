package io.ficus.contracts;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.LocalDateTime;
import java.util.UUID;

/**
 * A project's full state.
 *
 * @param id          project id
 * @param name        name
 * @param description free text, may be {@code null}
 * @param createdAt   creation date-time in the legacy's zone, second precision
 */
public record ProjectState(UUID id, String name, String description, LocalDateTime createdAt) implements EntityState {

    @Override
    @JsonIgnore
    public EntityType entityType() {
        return EntityType.PROJECT;
    }
}
