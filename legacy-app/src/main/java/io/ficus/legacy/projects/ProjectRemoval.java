package io.ficus.legacy.projects;

import io.ficus.legacy.memberships.MembershipRepository;
import io.ficus.legacy.phases.PhaseRepository;
import io.ficus.legacy.tickets.TicketRepository;
import java.time.LocalDateTime;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Deletes a project with everything in it, inside the caller's transaction: its tickets are
 * flagged deleted, its phases, memberships and the project row itself are removed.
 */
@Component
public class ProjectRemoval {

    private final ProjectRepository projects;
    private final PhaseRepository phases;
    private final MembershipRepository memberships;
    private final TicketRepository tickets;

    ProjectRemoval(ProjectRepository projects, PhaseRepository phases, MembershipRepository memberships, TicketRepository tickets) {
        this.projects = projects;
        this.phases = phases;
        this.memberships = memberships;
        this.tickets = tickets;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void remove(String projectId, LocalDateTime now) {
        tickets.deleteByProject(projectId, now);
        phases.deleteByProject(projectId);
        memberships.deleteByProject(projectId);
        projects.deleteProject(projectId);
    }
}
