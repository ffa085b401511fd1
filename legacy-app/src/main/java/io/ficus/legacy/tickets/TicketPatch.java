package io.ficus.legacy.tickets;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.ficus.legacy.support.Timestamps;
import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The body of {@code PATCH /api/tickets/{id}}: fields present change. {@code description} and
 * {@code dueTime} may be null to clear them; {@code title}, {@code phaseId} and {@code assigneeIds}
 * may not.
 */
public class TicketPatch {

    private final Set<String> present = new HashSet<>();
    private String title;
    private String description;
    @JsonFormat(pattern = Timestamps.PATTERN)
    private LocalDateTime dueTime;
    private UUID phaseId;
    private List<UUID> assigneeIds;

    public boolean has(String field) {
        return present.contains(field);
    }

    /** True when the body named no field at all. */
    public boolean isEmpty() {
        return present.isEmpty();
    }

    public String getTitle() {
        return title;
    }

    public void setTitle(String title) {
        present.add("title");
        this.title = title;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        present.add("description");
        this.description = description;
    }

    public LocalDateTime getDueTime() {
        return dueTime;
    }

    public void setDueTime(LocalDateTime dueTime) {
        present.add("dueTime");
        this.dueTime = dueTime;
    }

    public UUID getPhaseId() {
        return phaseId;
    }

    public void setPhaseId(UUID phaseId) {
        present.add("phaseId");
        this.phaseId = phaseId;
    }

    public List<UUID> getAssigneeIds() {
        return assigneeIds;
    }

    public void setAssigneeIds(List<UUID> assigneeIds) {
        present.add("assigneeIds");
        this.assigneeIds = assigneeIds;
    }
}
