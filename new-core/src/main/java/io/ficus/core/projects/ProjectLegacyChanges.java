package io.ficus.core.projects;

import io.ficus.contracts.ChangeKind;
import io.ficus.contracts.LegacyChange;
import io.ficus.contracts.ProjectState;
import io.ficus.core.shared.Origin;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
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

    /**
     * Applies changes of distinct projects, as {@link #apply} each would, in a few round trips: the stored ones locked
     * in one query (in id order, so two batches never wait on each other in a circle) and read in one, the new ones
     * inserted in one JDBC batch. The caller guarantees order and idempotency.
     */
    @Transactional
    public void applyAll(List<LegacyChange> changes) {
        List<UUID> ids = changes.stream().map(LegacyChange::entityId).toList();
        locks.lockAll(ids);
        Map<UUID, Project> existing = projects.findAll(ids);
        List<Project> changed = new ArrayList<>(changes.size());
        for (LegacyChange change : changes) {
            Project current = existing.get(change.entityId());
            if (change.kind() == ChangeKind.DELETED) {
                if (current != null) {
                    current.delete(Origin.LEGACY);
                    changed.add(current);
                }
                continue;
            }
            changed.add(Project.fromLegacy((ProjectState) change.state(), current));
        }
        projects.saveAll(changed);
    }
}
