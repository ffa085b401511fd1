package io.ficus.legacy.projects;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.ficus.legacy.support.Timestamps;
import java.time.LocalDateTime;

/**
 * A project as the API shows it.
 *
 * @param id          project id
 * @param name        its name
 * @param description its description, or null
 * @param createdAt   when it was created (UTC, to the second)
 */
@JsonPropertyOrder({"id", "name", "description", "createdAt"})
public record ProjectView(String id, String name, String description,
                          @JsonFormat(pattern = Timestamps.PATTERN) LocalDateTime createdAt) {

    public static ProjectView of(Project project) {
        return new ProjectView(project.getId(), project.getName(), project.getDescription(), project.getCreatedAt());
    }
}
