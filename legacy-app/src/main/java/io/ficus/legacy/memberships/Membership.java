package io.ficus.legacy.memberships;

import io.ficus.legacy.support.LegacyRow;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/**
 * A row of {@code MBR_MEMBERSHIP}: a user's place in a project. Role code 1 = ADMIN, 2 = MEMBER;
 * state code 0 = OPEN (invited), 1 = ACCEPTED. Deleted for real.
 */
@Entity
@Table(name = "MBR_MEMBERSHIP")
public class Membership extends LegacyRow {

    public static final short ADMIN = 1;
    public static final short MEMBER = 2;
    public static final short OPEN = 0;
    public static final short ACCEPTED = 1;

    @Id
    @Column(name = "MBR_ID")
    private String id;
    @Column(name = "PRJ_ID")
    private String projectId;
    @Column(name = "USR_ID")
    private String userId;
    @Column(name = "MBR_ROLE_CD")
    private short roleCode;
    @Column(name = "MBR_STATE_CD")
    private short stateCode;
    @Column(name = "MBR_CRT_TS")
    private LocalDateTime createdAt;
    @Column(name = "MBR_UPD_TS")
    private LocalDateTime updatedAt;

    protected Membership() {
    }

    public Membership(String id, String projectId, String userId, short roleCode, short stateCode, LocalDateTime now) {
        this.id = id;
        this.projectId = projectId;
        this.userId = userId;
        this.roleCode = roleCode;
        this.stateCode = stateCode;
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

    public String getUserId() {
        return userId;
    }

    public short getRoleCode() {
        return roleCode;
    }

    public short getStateCode() {
        return stateCode;
    }

    public boolean isAccepted() {
        return stateCode == ACCEPTED;
    }

    public boolean isAcceptedAdmin() {
        return stateCode == ACCEPTED && roleCode == ADMIN;
    }

    void accept(LocalDateTime now) {
        this.stateCode = ACCEPTED;
        this.updatedAt = now;
    }

    void changeRole(short roleCode, LocalDateTime now) {
        this.roleCode = roleCode;
        this.updatedAt = now;
    }
}
