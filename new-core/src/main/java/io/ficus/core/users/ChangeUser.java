package io.ficus.core.users;

import java.util.Set;
import java.util.UUID;

/** Command: change the fields named in {@code fields} of one's own account; none may be null. */
public record ChangeUser(UUID userId, Set<String> fields, String name, String email, String password) {

    public boolean has(String field) {
        return fields.contains(field);
    }
}
