package io.ficus.legacy.phases;

import io.ficus.legacy.support.LegacyRow;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/** A row of {@code PHS_PHASE}: one column of a project's board, at a position 0, 1, 2 … without gaps. */
@Entity
@Table(name = "PHS_PHASE")
public class Phase extends LegacyRow {

    @Id
    @Column(name = "PHS_ID")
    private String id;
    @Column(name = "PRJ_ID")
    private String projectId;
    @Column(name = "PHS_NAME")
    private String name;
    @Column(name = "PHS_POS")
    private int position;
    @Column(name = "PHS_CRT_TS")
    private LocalDateTime createdAt;
    @Column(name = "PHS_UPD_TS")
    private LocalDateTime updatedAt;

    protected Phase() {
    }

    public Phase(String id, String projectId, String name, int position, LocalDateTime now) {
        this.id = id;
        this.projectId = projectId;
        this.name = name;
        this.position = position;
        this.createdAt = now;
        this.updatedAt = now;
    }

    @Override
    public String getId() {
        return id;
    }

    public String getProjectId() {
        return projectId;
    }

    public String getName() {
        return name;
    }

    public int getPosition() {
        return position;
    }

    void rename(String name, LocalDateTime now) {
        this.name = name;
        this.updatedAt = now;
    }

    void moveTo(int position, LocalDateTime now) {
        if (this.position != position) {
            this.position = position;
            this.updatedAt = now;
        }
    }
}
