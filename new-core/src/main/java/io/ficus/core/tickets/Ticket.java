package io.ficus.core.tickets;

import io.ficus.contracts.TicketState;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;

/**
 * The ticket aggregate.
 *
 * @param id          ticket id
 * @param projectId   owning project
 * @param phaseId     current phase
 * @param title       title
 * @param description free text or null
 * @param dueTime     due date-time or null
 * @param createdAt   creation time (UTC, to the second)
 * @param assigneeIds assignees in assignment order
 * @param version     aggregate version, 1 when created, +1 per change
 */
public record Ticket(UUID id, UUID projectId, UUID phaseId, String title, String description,
                     LocalDateTime dueTime, LocalDateTime createdAt, List<UUID> assigneeIds, long version) {

    public Ticket {
        assigneeIds = List.copyOf(assigneeIds);
    }

    Ticket retitled(String title) {
        return new Ticket(id, projectId, phaseId, title, description, dueTime, createdAt, assigneeIds, version);
    }

    Ticket described(String description) {
        return new Ticket(id, projectId, phaseId, title, description, dueTime, createdAt, assigneeIds, version);
    }

    Ticket dueAt(LocalDateTime dueTime) {
        return new Ticket(id, projectId, phaseId, title, description, dueTime, createdAt, assigneeIds, version);
    }

    Ticket movedTo(UUID phaseId) {
        return new Ticket(id, projectId, phaseId, title, description, dueTime, createdAt, assigneeIds, version);
    }

    Ticket assignedTo(List<UUID> assigneeIds) {
        return new Ticket(id, projectId, phaseId, title, description, dueTime, createdAt, assigneeIds, version);
    }

    Ticket without(UUID assignee) {
        return assignedTo(assigneeIds.stream().filter(a -> !a.equals(assignee)).toList());
    }

    Ticket nextVersion() {
        return new Ticket(id, projectId, phaseId, title, description, dueTime, createdAt, assigneeIds, version + 1);
    }

    public TicketState state() {
        return new TicketState(id, projectId, phaseId, title, description, dueTime, createdAt, assigneeIds);
    }
}
