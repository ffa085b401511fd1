package io.ficus.core.projects;

import java.util.Set;
import java.util.UUID;

/** Command: change the fields named in {@code fields}; a null description clears it. */
public record ChangeProject(UUID projectId, Set<String> fields, String name, String description) {

    public boolean has(String field) {
        return fields.contains(field);
    }
}
