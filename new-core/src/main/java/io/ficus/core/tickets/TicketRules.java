package io.ficus.core.tickets;

import java.util.List;
import java.util.UUID;

/** What a ticket checks against its module's read models of phases and members (under its project's lock). */
interface TicketRules {

    /** The project's first phase, or null when it has none. */
    UUID firstPhase(UUID projectId);

    boolean isPhaseOf(UUID phaseId, UUID projectId);

    /** The assignees, checked (well-formed, each an accepted member of the project), or a 400. */
    List<UUID> acceptedMembers(UUID projectId, List<UUID> assigneeIds);
}
