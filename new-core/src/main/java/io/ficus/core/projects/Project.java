package io.ficus.core.projects;

import io.ficus.contracts.ProjectState;
import io.ficus.core.shared.Aggregate;
import io.ficus.core.shared.Origin;
import io.ficus.core.shared.Timestamps;
import io.ficus.support.web.Checks;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.UUID;
import org.jmolecules.ddd.annotation.AggregateRoot;

/**
 * The project aggregate. Every change is a method that checks its precondition and registers its event with the
 * project's next version; the repository stores the project and publishes the events in the same transaction.
 */
@AggregateRoot
public final class Project extends Aggregate<Project> {

    /** The name of the project every registration creates. */
    public static final String DEFAULT_NAME = "Default project";

    private final UUID id;
    private String name;
    private String description;
    private final LocalDateTime createdAt;

    /** A stored project, as loaded. */
    Project(UUID id, String name, String description, LocalDateTime createdAt, long version) {
        this(id, name, description, createdAt, version, version);
    }

    private Project(UUID id, String name, String description, LocalDateTime createdAt, long version, long storedVersion) {
        super(version, storedVersion);
        this.id = id;
        this.name = name;
        this.description = description;
        this.createdAt = createdAt;
    }

    /** A new project of the core; its creator becomes its admin (through {@link ProjectCreated}). */
    static Project create(CreateProject command, UUID creatorId) {
        Checks.text("name", command.name(), 100);
        Checks.optionalText("description", command.description(), 1000);
        var project = new Project(UUID.randomUUID(), command.name(), command.description(), Timestamps.now(), 1, 0);
        return project.andEvent(new ProjectCreated(project.state(), creatorId, false, 1, Origin.CORE));
    }

    /** A registered user's default project; its id derives from the user's, so a retried cascade finds it. */
    static Project defaultFor(UUID userId, LocalDateTime registeredAt) {
        UUID id = UUID.nameUUIDFromBytes(("default-project:" + userId).getBytes(StandardCharsets.UTF_8));
        var project = new Project(id, DEFAULT_NAME, null, registeredAt, 1, 0);
        return project.andEvent(new ProjectCreated(project.state(), userId, true, 1, Origin.CORE));
    }

    /** The project as the legacy changed it, over {@code existing} (null: new to the core). */
    static Project fromLegacy(ProjectState s, Project existing) {
        long stored = existing == null ? 0 : existing.version();
        var project = new Project(s.id(), s.name(), s.description(), s.createdAt(), stored + 1, stored);
        return project.andEvent(existing == null ? new ProjectCreated(project.state(), null, false, 1, Origin.LEGACY)
                : new ProjectChanged(project.state(), project.version(), Origin.LEGACY));
    }

    /** Applies the fields the command carries; a change even when nothing differs, as on the legacy. */
    void change(ChangeProject command) {
        if (command.has("name")) {
            name = Checks.text("name", command.name(), 100);
        }
        if (command.has("description")) {
            description = Checks.optionalText("description", command.description(), 1000);
        }
        registerEvent(new ProjectChanged(state(), nextVersion(), Origin.CORE));
    }

    /** The project goes (its phases, tickets and memberships follow); {@code origin} says who decided it. */
    void delete(Origin origin) {
        registerEvent(new ProjectDeleted(id, markDeleted(), origin));
    }

    public UUID id() {
        return id;
    }

    public String name() {
        return name;
    }

    /** Free text or null. */
    public String description() {
        return description;
    }

    /** Creation time (UTC, to the second). */
    public LocalDateTime createdAt() {
        return createdAt;
    }

    public ProjectState state() {
        return new ProjectState(id, name, description, createdAt);
    }
}
