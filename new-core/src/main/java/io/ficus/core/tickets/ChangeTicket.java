package io.ficus.core.tickets;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Command: change the fields named in {@code fields}; description and dueTime may be null to clear them. */
public record ChangeTicket(UUID ticketId, Set<String> fields, String title, String description, LocalDateTime dueTime,
                           UUID phaseId, List<UUID> assigneeIds) {

    public boolean has(String field) {
        return fields.contains(field);
    }
}
