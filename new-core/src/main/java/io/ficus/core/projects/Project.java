package io.ficus.core.projects;

import io.ficus.contracts.ProjectState;
import java.time.LocalDateTime;
import java.util.UUID;

/**
 * The project aggregate.
 *
 * @param id          project id
 * @param name        name
 * @param description free text or null
 * @param createdAt   creation time (UTC, to the second)
 * @param version     aggregate version
 */
public record Project(UUID id, String name, String description, LocalDateTime createdAt, long version) {

    /** The name of the project every registration creates. */
    public static final String DEFAULT_NAME = "Default project";

    Project renamed(String name) {
        return new Project(id, name, description, createdAt, version);
    }

    Project described(String description) {
        return new Project(id, name, description, createdAt, version);
    }

    Project nextVersion() {
        return new Project(id, name, description, createdAt, version + 1);
    }

    public ProjectState state() {
        return new ProjectState(id, name, description, createdAt);
    }
}
