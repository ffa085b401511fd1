package io.ficus.contracts;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.LocalDateTime;
import java.util.UUID;

/**
 * A user's full state. The password hash travels so that a user registered on either side
 * can log in on the other; {@link #toString()} never shows it, and no component may log,
 * measure or store it anywhere but in a user table.
 *
 * @param id           user id
 * @param name         display name
 * @param email        login e-mail, unique among live users (case-insensitive)
 * @param passwordHash bcrypt hash of the password
 * @param createdAt    registration date-time in the legacy's zone, second precision
 */
public record UserState(UUID id, String name, String email, String passwordHash, LocalDateTime createdAt)
        implements EntityState {

    @Override
    @JsonIgnore
    public EntityType entityType() {
        return EntityType.USER;
    }

    @Override
    public String toString() {
        return "UserState[id=" + id + ", name=" + name + ", email=" + email + ", passwordHash=<redacted>, createdAt="
                + createdAt + "]";
    }
}
