package io.ficus.core.projects;

import io.ficus.contracts.ChangeKind;
import io.ficus.contracts.LegacyChange;
import io.ficus.contracts.ProjectState;
import io.ficus.core.shared.Origin;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Applies project changes made in the legacy, as upserts or deletions keyed by id. */
@Service
public class ProjectLegacyChanges {

    private final ProjectRepository projects;
    private final ProjectLocks locks;
    private final ApplicationEventPublisher events;

    ProjectLegacyChanges(ProjectRepository projects, ProjectLocks locks, ApplicationEventPublisher events) {
        this.projects = projects;
        this.locks = locks;
        this.events = events;
    }

    /** Applies one change; the caller guarantees order and idempotency. */
    @Transactional
    public void apply(LegacyChange change) {
        locks.lock(change.entityId());
        Optional<Project> existing = projects.find(change.entityId());
        if (change.kind() == ChangeKind.DELETED) {
            existing.ifPresent(p -> {
                projects.delete(p.id());
                events.publishEvent(new ProjectDeleted(p.id(), p.version() + 1, Origin.LEGACY));
            });
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
}
