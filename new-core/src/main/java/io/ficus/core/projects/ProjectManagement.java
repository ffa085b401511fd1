package io.ficus.core.projects;

import io.ficus.contracts.ChangeKind;
import io.ficus.contracts.LegacyChange;
import io.ficus.contracts.ProjectState;
import io.ficus.core.shared.ApiException;
import io.ficus.core.shared.Caller;
import io.ficus.core.shared.Checks;
import io.ficus.core.shared.FollowUp;
import io.ficus.core.shared.MemberTable;
import io.ficus.core.shared.Origin;
import io.ficus.core.shared.Timestamps;
import io.ficus.core.shared.events.MembershipAdded;
import io.ficus.core.shared.events.MembershipChanged;
import io.ficus.core.shared.events.MembershipRemoved;
import io.ficus.core.shared.events.ProjectAbandoned;
import io.ficus.core.shared.events.ProjectChanged;
import io.ficus.core.shared.events.ProjectCreated;
import io.ficus.core.shared.events.ProjectDeleted;
import io.ficus.core.shared.events.UserRegistered;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The project use cases, and the project module's reactions to other modules' events. */
@Service
public class ProjectManagement {

    private final ProjectRepository projects;
    private final MemberTable members;
    private final ProjectLocks locks;
    private final ApplicationEventPublisher events;

    ProjectManagement(ProjectRepository projects, ProjectLocks locks, JdbcClient jdbc, ApplicationEventPublisher events) {
        this.projects = projects;
        this.locks = locks;
        this.members = new MemberTable(jdbc, "projects_member");
        this.events = events;
    }

    @Transactional
    public Project create(Caller caller, CreateProject command) {
        Checks.text("name", command.name(), 100);
        Checks.optionalText("description", command.description(), 1000);
        Project project = new Project(UUID.randomUUID(), command.name(), command.description(), Timestamps.now(), 1);
        projects.insert(project);
        events.publishEvent(new ProjectCreated(project.state(), caller.id(), false, 1, Origin.CORE));
        return project;
    }

    @Transactional(readOnly = true)
    public List<Project> mine(Caller caller) {
        return projects.acceptedFor(caller.id());
    }

    @Transactional(readOnly = true)
    public Project get(Caller caller, UUID id) {
        Project project = load(id);
        members.requireMember(caller, id);
        return project;
    }

    @Transactional
    public Project change(Caller caller, ChangeProject command) {
        locks.lockExisting(command.projectId());
        Project project = load(command.projectId());
        members.requireAdmin(caller, project.id());
        if (command.has("name")) {
            project = project.renamed(Checks.text("name", command.name(), 100));
        }
        if (command.has("description")) {
            project = project.described(Checks.optionalText("description", command.description(), 1000));
        }
        project = project.nextVersion();
        projects.update(project);
        events.publishEvent(new ProjectChanged(project.state(), project.version(), Origin.CORE));
        return project;
    }

    /** Deletes the project; its phases, tickets and memberships follow from {@link ProjectDeleted}. */
    @Transactional
    public void delete(Caller caller, UUID id) {
        locks.lockExisting(id);
        Project project = load(id);
        members.requireAdmin(caller, id);
        remove(project, Origin.CORE);
    }

    /** Applies a project change made in the legacy; the caller guarantees order and idempotency. */
    @Transactional
    public void applyLegacyChange(LegacyChange change) {
        locks.lock(change.entityId());
        Optional<Project> existing = projects.find(change.entityId());
        if (change.kind() == ChangeKind.DELETED) {
            existing.ifPresent(p -> remove(p, Origin.LEGACY));
            return;
        }
        ProjectState s = (ProjectState) change.state();
        if (existing.isPresent()) {
            Project project = new Project(s.id(), s.name(), s.description(), s.createdAt(), existing.get().version() + 1);
            projects.update(project);
            events.publishEvent(new ProjectChanged(project.state(), project.version(), Origin.LEGACY));
        } else {
            Project project = new Project(s.id(), s.name(), s.description(), s.createdAt(), 1);
            projects.insert(project);
            events.publishEvent(new ProjectCreated(project.state(), null, false, 1, Origin.LEGACY));
        }
    }

    /** Every registered user gets a default project (idempotent: its id derives from the user's). */
    @FollowUp
    void on(UserRegistered event) {
        if (event.origin() != Origin.CORE) {
            return;
        }
        UUID id = UUID.nameUUIDFromBytes(("default-project:" + event.user().id()).getBytes(StandardCharsets.UTF_8));
        Project project = new Project(id, Project.DEFAULT_NAME, null, event.user().createdAt(), 1);
        if (projects.insert(project)) {
            events.publishEvent(new ProjectCreated(project.state(), event.user().id(), true, 1, Origin.CORE));
        }
    }

    /** The last admin deleted their account: the project goes, as in the legacy. */
    @FollowUp
    void on(ProjectAbandoned event) {
        locks.lock(event.projectId());
        projects.find(event.projectId()).ifPresent(p -> remove(p, Origin.CORE));
    }

    @EventListener
    void track(MembershipAdded event) {
        members.apply(event.membership(), event.version());
    }

    @EventListener
    void track(MembershipChanged event) {
        members.apply(event.membership(), event.version());
    }

    @EventListener
    void track(MembershipRemoved event) {
        members.remove(event.membershipId());
    }

    private Project load(UUID id) {
        return projects.find(id).orElseThrow(() -> ApiException.notFound("no project " + id));
    }

    private void remove(Project project, Origin origin) {
        projects.delete(project.id());
        events.publishEvent(new ProjectDeleted(project.id(), project.version() + 1, origin));
    }
}
