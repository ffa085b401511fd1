package io.ficus.legacy.phases;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * The body of {@code PATCH /api/phases/{id}}: {@code name} renames; {@code previousPhaseId} moves
 * the phase after that one, or first when it is present and null.
 */
public class PhasePatch {

    private final Set<String> present = new HashSet<>();
    private String name;
    private UUID previousPhaseId;

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

    public UUID getPreviousPhaseId() {
        return previousPhaseId;
    }

    public void setPreviousPhaseId(UUID previousPhaseId) {
        present.add("previousPhaseId");
        this.previousPhaseId = previousPhaseId;
    }
}
