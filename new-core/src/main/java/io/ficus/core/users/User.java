package io.ficus.core.users;

import io.ficus.contracts.UserState;
import io.ficus.core.shared.Aggregate;
import io.ficus.core.shared.Origin;
import io.ficus.core.shared.Timestamps;
import io.ficus.support.web.ApiException;
import io.ficus.support.web.Checks;
import java.time.LocalDateTime;
import java.util.UUID;
import java.util.function.Predicate;
import org.jmolecules.ddd.annotation.AggregateRoot;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The user aggregate. Every change is a method that checks its precondition and registers its event with the user's
 * next version; the repository stores the user and publishes the events in the same transaction.
 */
@AggregateRoot
public final class User extends Aggregate<User> {

    private final UUID id;
    private String name;
    private String email;
    private String passwordHash;
    private final LocalDateTime createdAt;

    /** A stored user, as loaded. */
    User(UUID id, String name, String email, String passwordHash, LocalDateTime createdAt, long version) {
        this(id, name, email, passwordHash, createdAt, version, version);
    }

    private User(UUID id, String name, String email, String passwordHash, LocalDateTime createdAt, long version,
                 long storedVersion) {
        super(version, storedVersion);
        this.id = id;
        this.name = name;
        this.email = email;
        this.passwordHash = passwordHash;
        this.createdAt = createdAt;
    }

    /**
     * A new account; refused (409) when {@code emailTaken} says another account has the email (compared ignoring
     * case). The default project follows from {@link UserRegistered}.
     */
    static User register(RegisterUser command, Predicate<String> emailTaken, PasswordEncoder hasher) {
        Checks.text("name", command.name(), 100);
        Checks.email("email", command.email());
        Checks.password("password", command.password());
        requireFree(command.email(), emailTaken);
        var user = new User(UUID.randomUUID(), command.name(), command.email(), hasher.encode(command.password()),
                Timestamps.now(), 1, 0);
        return user.andEvent(new UserRegistered(user.state(), 1, Origin.CORE));
    }

    /** The user as the legacy changed it, over {@code existing} (null: new to the core). */
    static User fromLegacy(UserState s, User existing) {
        long stored = existing == null ? 0 : existing.version();
        var user = new User(s.id(), s.name(), s.email(), s.passwordHash(), s.createdAt(), stored + 1, stored);
        return user.andEvent(existing == null ? new UserRegistered(user.state(), user.version(), Origin.LEGACY)
                : new UserChanged(user.state(), user.version(), Origin.LEGACY));
    }

    /** Applies the fields the command carries (none may be null); a change even when nothing differs, as on the legacy. */
    void change(ChangeUser command, Predicate<String> emailTakenByAnother, PasswordEncoder hasher) {
        if (command.has("name")) {
            name = Checks.text("name", command.name(), 100);
        }
        if (command.has("email")) {
            email = requireFree(Checks.email("email", command.email()), emailTakenByAnother);
        }
        if (command.has("password")) {
            passwordHash = hasher.encode(Checks.password("password", command.password()));
        }
        registerEvent(new UserChanged(state(), nextVersion(), Origin.CORE));
    }

    /** The account goes (memberships, projects left without an admin and assignments follow). */
    void delete(Origin origin) {
        registerEvent(new UserDeleted(id, markDeleted(), origin));
    }

    private static String requireFree(String email, Predicate<String> taken) {
        if (taken.test(email)) {
            throw ApiException.conflict("email " + email + " is already registered");
        }
        return email;
    }

    public UUID id() {
        return id;
    }

    /** Display name. */
    public String name() {
        return name;
    }

    /** Login e-mail, unique among users (case-insensitive). */
    public String email() {
        return email;
    }

    /** Bcrypt hash. */
    public String passwordHash() {
        return passwordHash;
    }

    /** Registration time (UTC, to the second). */
    public LocalDateTime createdAt() {
        return createdAt;
    }

    public UserState state() {
        return new UserState(id, name, email, passwordHash, createdAt);
    }

    @Override
    public String toString() {
        return "User[id=" + id + ", email=" + email + ", version=" + version() + "]";
    }
}
