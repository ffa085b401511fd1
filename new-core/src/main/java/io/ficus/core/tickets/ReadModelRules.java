package io.ficus.core.tickets;

import io.ficus.support.web.ApiException;
import io.ficus.support.web.Checks;
import io.ficus.core.shared.MemberTable;
import java.util.List;
import java.util.UUID;

/** {@link TicketRules} read from the module's read models ({@code tickets_phase}, {@code tickets_member}). */
final class ReadModelRules implements TicketRules {

    private final KnownPhases phases;
    private final MemberTable members;

    ReadModelRules(KnownPhases phases, MemberTable members) {
        this.phases = phases;
        this.members = members;
    }

    @Override
    public UUID firstPhase(UUID projectId) {
        return phases.firstOf(projectId);
    }

    @Override
    public boolean isPhaseOf(UUID phaseId, UUID projectId) {
        return phases.isPhaseOf(phaseId, projectId);
    }

    @Override
    public List<UUID> acceptedMembers(UUID projectId, List<UUID> assigneeIds) {
        List<UUID> assignees = Checks.assignees(assigneeIds);
        if (!assignees.isEmpty() && members.countAccepted(projectId, assignees) != assignees.size()) {
            throw ApiException.badRequest("every assignee must be an accepted member of project " + projectId);
        }
        return assignees;
    }
}
