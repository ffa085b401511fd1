package io.ficus.legacy.tickets;

import io.ficus.legacy.support.LegacyRow;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import org.hibernate.type.YesNoConverter;

/**
 * A row of {@code TKT_TICKET}. Assignees are user ids joined with {@code ';'} in one text column
 * ({@code NULL} when there are none); deleted tickets stay, flagged {@code TKT_DEL_FLG = 'Y'}.
 */
@Entity
@Table(name = "TKT_TICKET")
public class Ticket extends LegacyRow {

    @Id
    @Column(name = "TKT_ID")
    private String id;
    @Column(name = "PRJ_ID")
    private String projectId;
    @Column(name = "PHS_ID")
    private String phaseId;
    @Column(name = "TKT_TITLE")
    private String title;
    @Column(name = "TKT_DESC")
    private String description;
    @Column(name = "TKT_DUE_TS")
    private LocalDateTime dueTime;
    @Column(name = "TKT_ASSIGNEES")
    private String assignees;
    @Column(name = "TKT_CRT_TS")
    private LocalDateTime createdAt;
    @Column(name = "TKT_UPD_TS")
    private LocalDateTime updatedAt;
    @Convert(converter = YesNoConverter.class)
    @Column(name = "TKT_DEL_FLG")
    private boolean deleted;

    protected Ticket() {
    }

    Ticket(String id, String projectId, String phaseId, String title, String description, LocalDateTime dueTime,
           List<String> assigneeIds, LocalDateTime now) {
        this.id = id;
        this.projectId = projectId;
        this.phaseId = phaseId;
        this.title = title;
        this.description = description;
        this.dueTime = dueTime;
        this.assignees = join(assigneeIds);
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** The column value for these assignee ids: joined with {@code ';'}, or null when none. */
    public static String join(List<String> assigneeIds) {
        return assigneeIds == null || assigneeIds.isEmpty() ? null : String.join(";", assigneeIds);
    }

    @Override
    public String getId() {
        return id;
    }

    public String getProjectId() {
        return projectId;
    }

    public String getPhaseId() {
        return phaseId;
    }

    public String getTitle() {
        return title;
    }

    public String getDescription() {
        return description;
    }

    public LocalDateTime getDueTime() {
        return dueTime;
    }

    public List<String> getAssigneeIds() {
        return assignees == null || assignees.isEmpty() ? List.of() : Arrays.asList(assignees.split(";"));
    }

    public LocalDateTime getCreatedAt() {
        return createdAt;
    }

    public boolean isDeleted() {
        return deleted;
    }

    void retitle(String title) {
        this.title = title;
    }

    void describe(String description) {
        this.description = description;
    }

    void dueAt(LocalDateTime dueTime) {
        this.dueTime = dueTime;
    }

    void moveTo(String phaseId) {
        this.phaseId = phaseId;
    }

    void assign(List<String> assigneeIds) {
        this.assignees = join(assigneeIds);
    }

    void touch(LocalDateTime now) {
        this.updatedAt = now;
    }

    void markDeleted(LocalDateTime now) {
        this.deleted = true;
        this.updatedAt = now;
    }
}
