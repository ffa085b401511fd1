package io.ficus.contracts;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A ticket's full state.
 *
 * @param id          ticket id
 * @param projectId   the project the ticket belongs to
 * @param phaseId     the phase it sits in; {@code null} only while the legacy row has none
 * @param title       title, never blank
 * @param description free text, may be {@code null}
 * @param dueTime     due date-time in the legacy's zone, may be {@code null}
 * @param createdAt   creation date-time in the legacy's zone, second precision
 * @param assigneeIds assigned users in assignment order, never {@code null}
 */
public record TicketState(
        UUID id,
        UUID projectId,
        UUID phaseId,
        String title,
        String description,
        LocalDateTime dueTime,
        LocalDateTime createdAt,
        List<UUID> assigneeIds) implements EntityState {

    public TicketState {
        assigneeIds = assigneeIds == null ? List.of() : List.copyOf(assigneeIds);
    }

    @Override
    @JsonIgnore
    public EntityType entityType() {
        return EntityType.TICKET;
    }
}
