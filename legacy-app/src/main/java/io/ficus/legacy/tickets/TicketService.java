package io.ficus.legacy.tickets;

import io.ficus.legacy.memberships.MembershipRepository;
import io.ficus.legacy.memberships.ProjectAccess;
import io.ficus.legacy.phases.Phase;
import io.ficus.legacy.phases.PhaseRepository;
import io.ficus.legacy.security.Caller;
import io.ficus.support.web.Checks;
import io.ficus.legacy.support.Timestamps;
import io.ficus.support.web.ApiException;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tickets: created in the project's first phase, assigned only to accepted members, deleted by
 * flagging. Changes lock the project row, so they queue behind phase and membership changes.
 */
@Service
public class TicketService {

    private final TicketRepository tickets;
    private final PhaseRepository phases;
    private final MembershipRepository memberships;
    private final ProjectAccess access;

    TicketService(TicketRepository tickets, PhaseRepository phases, MembershipRepository memberships, ProjectAccess access) {
        this.tickets = tickets;
        this.phases = phases;
        this.memberships = memberships;
        this.access = access;
    }

    @Transactional
    public TicketView create(Caller caller, String projectId, String title, String description, LocalDateTime dueTime,
                             List<UUID> assigneeIds) {
        access.memberForUpdate(caller, projectId);
        Checks.text("title", title, 200);
        Checks.optionalText("description", description, 4000);
        List<String> assignees = acceptedMembers(projectId, assigneeIds);
        Phase first = phases.findFirstByProjectIdOrderByPositionAscIdAsc(projectId)
                .orElseThrow(() -> ApiException.conflict("project " + projectId + " has no phase to put a ticket in"));
        Ticket ticket = new Ticket(UUID.randomUUID().toString(), projectId, first.getId(), title, description, dueTime, assignees,
                Timestamps.now());
        tickets.saveAndFlush(ticket);
        return TicketView.of(ticket);
    }

    @Transactional(readOnly = true)
    public TicketView get(Caller caller, String id) {
        Ticket ticket = tickets.findLive(id).orElseThrow(() -> ApiException.notFound("no ticket " + id));
        access.requireMember(caller, ticket.getProjectId());
        return TicketView.of(ticket);
    }

    @Transactional(readOnly = true)
    public List<TicketView> list(Caller caller, String projectId, UUID phaseId, UUID assigneeId) {
        access.member(caller, projectId);
        return tickets.findLiveInProject(projectId, phaseId == null ? null : phaseId.toString(),
                assigneeId == null ? null : assigneeId.toString()).stream().map(TicketView::of).toList();
    }

    @Transactional(readOnly = true)
    public List<TicketView> assignedTo(Caller caller) {
        return tickets.findLiveAssignedTo(caller.id()).stream().map(TicketView::of).toList();
    }

    @Transactional
    public TicketView update(Caller caller, String id, TicketPatch patch) {
        Ticket found = tickets.findLive(id).orElseThrow(() -> ApiException.notFound("no ticket " + id));
        String projectId = found.getProjectId();
        access.memberForUpdate(caller, projectId);
        Ticket ticket = tickets.findLive(id).orElseThrow(() -> ApiException.notFound("no ticket " + id));
        if (patch.has("title")) {
            ticket.retitle(Checks.text("title", patch.getTitle(), 200));
        }
        if (patch.has("description")) {
            ticket.describe(Checks.optionalText("description", patch.getDescription(), 4000));
        }
        if (patch.has("dueTime")) {
            ticket.dueAt(patch.getDueTime());
        }
        if (patch.has("phaseId")) {
            if (patch.getPhaseId() == null) {
                throw ApiException.badRequest("'phaseId' must not be null");
            }
            String phaseId = patch.getPhaseId().toString();
            phases.findById(phaseId).filter(p -> p.getProjectId().equals(projectId))
                    .orElseThrow(() -> ApiException.badRequest("'phaseId' " + phaseId + " is not a phase of this ticket's project"));
            ticket.moveTo(phaseId);
        }
        if (patch.has("assigneeIds")) {
            if (patch.getAssigneeIds() == null) {
                throw ApiException.badRequest("'assigneeIds' must not be null");
            }
            ticket.assign(acceptedMembers(projectId, patch.getAssigneeIds()));
        }
        if (!patch.isEmpty()) {
            ticket.touch(Timestamps.now());
        }
        tickets.flush();
        return TicketView.of(ticket);
    }

    @Transactional
    public void delete(Caller caller, String id) {
        Ticket found = tickets.findLive(id).orElseThrow(() -> ApiException.notFound("no ticket " + id));
        access.memberForUpdate(caller, found.getProjectId());
        found.markDeleted(Timestamps.now());
        tickets.flush();
    }

    private List<String> acceptedMembers(String projectId, List<UUID> assigneeIds) {
        List<String> assignees = Checks.assignees(assigneeIds).stream().map(UUID::toString).toList();
        if (!assignees.isEmpty() && memberships.countAcceptedAmong(projectId, assignees) != assignees.size()) {
            throw ApiException.badRequest("every assignee must be an accepted member of project " + projectId);
        }
        return assignees;
    }
}
