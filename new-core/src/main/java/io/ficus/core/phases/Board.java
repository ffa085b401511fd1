package io.ficus.core.phases;

import io.ficus.support.web.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A project's phases in order; keeps positions contiguous. The phase being inserted or moved is placed (its own
 * change registers the event); every other phase whose position changes is shifted, registering its change, and is
 * listed in {@link #shifted()} for the caller to store.
 */
final class Board {

    private final List<Phase> phases;
    private final List<Phase> shifted = new ArrayList<>();

    Board(List<Phase> phases) {
        this.phases = new ArrayList<>(phases);
    }

    /** The phases shifted so far, in board order. */
    List<Phase> shifted() {
        return List.copyOf(shifted);
    }

    void insert(Phase phase, UUID previousPhaseId) {
        phases.add(indexAfter(previousPhaseId, null), phase);
        renumber(phase);
    }

    void move(Phase phase, UUID previousPhaseId) {
        phases.removeIf(p -> p.id().equals(phase.id()));
        phases.add(indexAfter(previousPhaseId, phase.id()), phase);
        renumber(phase);
    }

    void remove(Phase phase) {
        if (phases.size() == 1) {
            throw ApiException.conflict("phase " + phase.id() + " is the project's last phase");
        }
        phases.removeIf(p -> p.id().equals(phase.id()));
        renumber(null);
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

    private void renumber(Phase subject) {
        for (int i = 0; i < phases.size(); i++) {
            Phase p = phases.get(i);
            if (p == subject) {
                p.placeAt(i);
            } else if (p.position() != i) {
                p.shiftTo(i);
                shifted.add(p);
            }
        }
    }
}
