package io.ficus.core.phases;

import java.util.Set;
import java.util.UUID;

/** Command: rename and/or move (after {@code previousPhaseId}, first when null) as named in {@code fields}. */
public record ChangePhase(UUID phaseId, Set<String> fields, String name, UUID previousPhaseId) {

    public boolean has(String field) {
        return fields.contains(field);
    }
}
