package io.ficus.core.projects;

import io.ficus.contracts.ChangeKind;
import io.ficus.contracts.LegacyChange;
import io.ficus.contracts.ProjectState;
import io.ficus.core.shared.Origin;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Applies project changes made in the legacy, as upserts or deletions keyed by id. */
@Service
public class ProjectLegacyChanges {

    private final ProjectRepository projects;
    private final ProjectLocks locks;

    ProjectLegacyChanges(ProjectRepository projects, ProjectLocks locks) {
        this.projects = projects;
        this.locks = locks;
    }

    /** Applies one change; the caller guarantees order and idempotency. */
    @Transactional
    public void apply(LegacyChange change) {
        locks.lock(change.entityId());
        Optional<Project> existing = projects.find(change.entityId());
        if (change.kind() == ChangeKind.DELETED) {
            existing.ifPresent(p -> {
                p.delete(Origin.LEGACY);
                projects.save(p);
            });
            return;
        }
        projects.save(Project.fromLegacy((ProjectState) change.state(), existing.orElse(null)));
    }
}
