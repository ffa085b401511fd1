package io.ficus.core.phases;

import io.ficus.contracts.ChangeKind;
import io.ficus.contracts.LegacyChange;
import io.ficus.contracts.PhaseState;
import io.ficus.core.projects.ProjectLocks;
import io.ficus.core.shared.Origin;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Applies phase changes made in the legacy, as upserts or deletions keyed by id. */
@Service
public class PhaseLegacyChanges {

    private final PhaseRepository phases;
    private final ProjectLocks locks;

    PhaseLegacyChanges(PhaseRepository phases, ProjectLocks locks) {
        this.phases = phases;
        this.locks = locks;
    }

    /** Applies one change; the caller guarantees order and idempotency. */
    @Transactional
    public void apply(LegacyChange change) {
        Optional<Phase> existing = phases.find(change.entityId());
        if (change.kind() == ChangeKind.DELETED) {
            existing.ifPresent(p -> {
                locks.lock(p.projectId());
                p.delete(Origin.LEGACY);
                phases.save(p);
            });
            return;
        }
        PhaseState s = (PhaseState) change.state();
        locks.lock(s.projectId());
        phases.save(Phase.fromLegacy(s, existing.orElse(null)));
    }

    /**
     * Applies changes of distinct phases, as {@link #apply} each would, in a few round trips: the phases read in one
     * query, their projects locked in one (in id order, so two batches never wait on each other in a circle), the new
     * ones inserted in one JDBC batch. The caller guarantees order and idempotency.
     */
    @Transactional
    public void applyAll(List<LegacyChange> changes) {
        Map<UUID, Phase> existing = phases.findAll(changes.stream().map(LegacyChange::entityId).toList());
        Set<UUID> projects = new HashSet<>();
        List<Phase> changed = new ArrayList<>(changes.size());
        for (LegacyChange change : changes) {
            Phase current = existing.get(change.entityId());
            if (change.kind() == ChangeKind.DELETED) {
                if (current != null) {
                    projects.add(current.projectId());
                    current.delete(Origin.LEGACY);
                    changed.add(current);
                }
                continue;
            }
            PhaseState s = (PhaseState) change.state();
            projects.add(s.projectId());
            changed.add(Phase.fromLegacy(s, current));
        }
        locks.lockAll(projects);
        phases.saveAll(changed);
    }
}
