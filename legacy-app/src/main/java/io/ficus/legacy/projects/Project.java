package io.ficus.legacy.projects;

import io.ficus.legacy.support.LegacyRow;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/** A row of {@code PRJ_PROJECT}; deleted for real, with everything in it. */
@Entity
@Table(name = "PRJ_PROJECT")
public class Project extends LegacyRow {

    @Id
    @Column(name = "PRJ_ID")
    private String id;
    @Column(name = "PRJ_NAME")
    private String name;
    @Column(name = "PRJ_DESC")
    private String description;
    @Column(name = "PRJ_CRT_TS")
    private LocalDateTime createdAt;
    @Column(name = "PRJ_UPD_TS")
    private LocalDateTime updatedAt;

    protected Project() {
    }

    public Project(String id, String name, String description, LocalDateTime now) {
        this.id = id;
        this.name = name;
        this.description = description;
        this.createdAt = now;
        this.updatedAt = now;
    }

    @Override
    public String getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public String getDescription() {
        return description;
    }

    public LocalDateTime getCreatedAt() {
        return createdAt;
    }

    void rename(String name, LocalDateTime now) {
        this.name = name;
        this.updatedAt = now;
    }

    void describe(String description, LocalDateTime now) {
        this.description = description;
        this.updatedAt = now;
    }
}
