package io.ficus.core.tickets;

import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;

/** Command: create a ticket in the project's first phase. */
public record CreateTicket(UUID projectId, String title, String description, LocalDateTime dueTime, List<UUID> assigneeIds) {
}
