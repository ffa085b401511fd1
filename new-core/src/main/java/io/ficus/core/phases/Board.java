package io.ficus.core.phases;

import io.ficus.support.web.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A project's phases in order; keeps positions contiguous. Methods return the phases whose
 * position changed (including the one inserted or moved), with their new positions.
 */
final class Board {

    private final List<Phase> phases;

    Board(List<Phase> phases) {
        this.phases = new ArrayList<>(phases);
    }

    int size() {
        return phases.size();
    }

    List<Phase> insert(Phase phase, UUID previousPhaseId) {
        phases.add(indexAfter(previousPhaseId, null), phase);
        return renumber(phase.id());
    }

    List<Phase> move(Phase phase, UUID previousPhaseId) {
        phases.removeIf(p -> p.id().equals(phase.id()));
        phases.add(indexAfter(previousPhaseId, phase.id()), phase);
        return renumber(null);
    }

    List<Phase> remove(Phase phase) {
        if (phases.size() == 1) {
            throw ApiException.conflict("phase " + phase.id() + " is the project's last phase");
        }
        phases.removeIf(p -> p.id().equals(phase.id()));
        return renumber(null);
    }

    private int indexAfter(UUID previousPhaseId, UUID movingId) {
        if (previousPhaseId == null) {
            return 0;
        }
        if (previousPhaseId.equals(movingId)) {
            throw ApiException.badRequest("'previousPhaseId' must not be the phase itself");
        }
        for (int i = 0; i < phases.size(); i++) {
            if (phases.get(i).id().equals(previousPhaseId)) {
                return i + 1;
            }
        }
        throw ApiException.badRequest("'previousPhaseId' " + previousPhaseId + " is not a phase of this project");
    }

    private List<Phase> renumber(UUID alwaysInclude) {
        List<Phase> changed = new ArrayList<>();
        for (int i = 0; i < phases.size(); i++) {
            Phase p = phases.get(i);
            if (p.position() != i || p.id().equals(alwaysInclude)) {
                Phase moved = p.at(i);
                phases.set(i, moved);
                changed.add(moved);
            }
        }
        return changed;
    }
}
