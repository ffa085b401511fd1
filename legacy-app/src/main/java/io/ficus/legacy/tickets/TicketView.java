package io.ficus.legacy.tickets;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.ficus.legacy.support.Timestamps;
import java.time.LocalDateTime;
import java.util.List;

/**
 * A ticket as the API shows it.
 *
 * @param id          ticket id
 * @param projectId   its project
 * @param phaseId     the phase it sits in
 * @param title       its title
 * @param description its description, or null
 * @param dueTime     when it is due (UTC, to the second), or null
 * @param createdAt   when it was created (UTC, to the second)
 * @param assigneeIds the assigned users, in the order they were given; never null
 */
@JsonPropertyOrder({"id", "projectId", "phaseId", "title", "description", "dueTime", "createdAt", "assigneeIds"})
public record TicketView(String id, String projectId, String phaseId, String title, String description,
                         @JsonFormat(pattern = Timestamps.PATTERN) LocalDateTime dueTime,
                         @JsonFormat(pattern = Timestamps.PATTERN) LocalDateTime createdAt,
                         List<String> assigneeIds) {

    static TicketView of(Ticket t) {
        return new TicketView(t.getId(), t.getProjectId(), t.getPhaseId(), t.getTitle(), t.getDescription(), t.getDueTime(),
                t.getCreatedAt(), t.getAssigneeIds());
    }
}
