package io.ficus.core.phases;

import io.ficus.core.projects.ProjectCreated;
import io.ficus.core.projects.ProjectDeleted;
import io.ficus.core.shared.FollowUp;
import io.ficus.core.shared.Origin;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** The module's cascades after the projects module's decisions of the core (the legacy sends its own). */
@Component
class PhaseFollowUps {

    private final PhaseRepository phases;

    PhaseFollowUps(PhaseRepository phases) {
        this.phases = phases;
    }

    /** A default project gets the default phases (idempotent: their ids derive from the project's). */
    @FollowUp
    void on(ProjectCreated event) {
        UUID projectId = event.project().id();
        if (event.origin() != Origin.CORE || !event.defaultProject() || !phases.ofProject(projectId).isEmpty()) {
            return;
        }
        for (int i = 0; i < Phase.DEFAULT_NAMES.size(); i++) {
            phases.save(Phase.defaultOf(projectId, i, event.project().createdAt()));
        }
    }

    /** A deleted project's phases go with it. */
    @FollowUp
    void on(ProjectDeleted event) {
        if (event.origin() == Origin.CORE) {
            phases.ofProject(event.projectId()).forEach(p -> {
                p.delete(Origin.CORE);
                phases.save(p);
            });
        }
    }
}
