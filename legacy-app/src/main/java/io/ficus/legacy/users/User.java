package io.ficus.legacy.users;

import io.ficus.legacy.support.LegacyRow;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDateTime;
import org.hibernate.type.YesNoConverter;

/** A row of {@code USR_USER}; deleted users stay, flagged {@code USR_DEL_FLG = 'Y'}. */
@Entity
@Table(name = "USR_USER")
public class User extends LegacyRow {

    @Id
    @Column(name = "USR_ID")
    private String id;
    @Column(name = "USR_NAME")
    private String name;
    @Column(name = "USR_EMAIL")
    private String email;
    @Column(name = "USR_PWD_HASH")
    private String passwordHash;
    @Column(name = "USR_CRT_TS")
    private LocalDateTime createdAt;
    @Column(name = "USR_UPD_TS")
    private LocalDateTime updatedAt;
    @Convert(converter = YesNoConverter.class)
    @Column(name = "USR_DEL_FLG")
    private boolean deleted;

    protected User() {
    }

    public User(String id, String name, String email, String passwordHash, LocalDateTime now) {
        this.id = id;
        this.name = name;
        this.email = email;
        this.passwordHash = passwordHash;
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

    public String getEmail() {
        return email;
    }

    public String getPasswordHash() {
        return passwordHash;
    }

    public LocalDateTime getCreatedAt() {
        return createdAt;
    }

    public boolean isDeleted() {
        return deleted;
    }

    void rename(String name, LocalDateTime now) {
        this.name = name;
        this.updatedAt = now;
    }

    void changeEmail(String email, LocalDateTime now) {
        this.email = email;
        this.updatedAt = now;
    }

    void changePasswordHash(String passwordHash, LocalDateTime now) {
        this.passwordHash = passwordHash;
        this.updatedAt = now;
    }

    void markDeleted(LocalDateTime now) {
        this.deleted = true;
        this.updatedAt = now;
    }
}
