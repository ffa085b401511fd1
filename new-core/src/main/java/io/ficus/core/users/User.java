package io.ficus.core.users;

import io.ficus.contracts.UserState;
import java.time.LocalDateTime;
import java.util.UUID;

/**
 * The user aggregate.
 *
 * @param id           user id
 * @param name         display name
 * @param email        login e-mail, unique among users (case-insensitive)
 * @param passwordHash bcrypt hash
 * @param createdAt    registration time (UTC, to the second)
 * @param version      aggregate version, 1 when registered, +1 per change
 */
public record User(UUID id, String name, String email, String passwordHash, LocalDateTime createdAt, long version) {

    User renamed(String name) {
        return new User(id, name, email, passwordHash, createdAt, version);
    }

    User withEmail(String email) {
        return new User(id, name, email, passwordHash, createdAt, version);
    }

    User withPasswordHash(String passwordHash) {
        return new User(id, name, email, passwordHash, createdAt, version);
    }

    User nextVersion() {
        return new User(id, name, email, passwordHash, createdAt, version + 1);
    }

    public UserState state() {
        return new UserState(id, name, email, passwordHash, createdAt);
    }

    @Override
    public String toString() {
        return "User[id=" + id + ", email=" + email + ", version=" + version + "]";
    }
}
