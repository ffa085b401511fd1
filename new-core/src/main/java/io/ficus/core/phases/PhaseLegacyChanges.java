package io.ficus.core.phases;

import io.ficus.contracts.ChangeKind;
import io.ficus.contracts.LegacyChange;
import io.ficus.contracts.PhaseState;
import io.ficus.core.projects.ProjectLocks;
import io.ficus.core.shared.Origin;
import java.util.Optional;
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
}
