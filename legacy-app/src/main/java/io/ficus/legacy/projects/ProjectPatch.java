package io.ficus.legacy.projects;

import java.util.HashSet;
import java.util.Set;

/** The body of {@code PATCH /api/projects/{id}}: fields present change; a null description clears it. */
public class ProjectPatch {

    private final Set<String> present = new HashSet<>();
    private String name;
    private String description;

    public boolean has(String field) {
        return present.contains(field);
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        present.add("name");
        this.name = name;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        present.add("description");
        this.description = description;
    }
}
