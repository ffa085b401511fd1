package io.ficus.core.memberships;

import io.ficus.contracts.MembershipRole;
import io.ficus.contracts.MembershipState;
import io.ficus.contracts.MembershipStatus;
import io.ficus.support.web.ApiException;
import java.time.LocalDateTime;
import java.util.UUID;

/**
 * The membership aggregate: one user's place in one project.
 *
 * @param id        membership id
 * @param projectId the project
 * @param userId    the member or invitee
 * @param role      ADMIN or MEMBER
 * @param status    OPEN (invited) or ACCEPTED
 * @param createdAt creation time (UTC, to the second)
 * @param version   aggregate version
 */
public record Membership(UUID id, UUID projectId, UUID userId, MembershipRole role, MembershipStatus status,
                         LocalDateTime createdAt, long version) {

    public boolean isAccepted() {
        return status == MembershipStatus.ACCEPTED;
    }

    public boolean isAcceptedAdmin() {
        return isAccepted() && role == MembershipRole.ADMIN;
    }

    Membership accepted() {
        return new Membership(id, projectId, userId, role, MembershipStatus.ACCEPTED, createdAt, version);
    }

    /** The membership with another role; refused when it would leave the project without an admin. */
    Membership withRole(MembershipRole newRole, long acceptedAdmins) {
        if (isAcceptedAdmin() && newRole != MembershipRole.ADMIN && acceptedAdmins == 1) {
            throw ApiException.conflict("project " + projectId + " would be left without an admin");
        }
        return new Membership(id, projectId, userId, newRole, status, createdAt, version);
    }

    /** Refuses to remove the project's last accepted admin. */
    void checkRemovable(long acceptedAdmins) {
        if (isAcceptedAdmin() && acceptedAdmins == 1) {
            throw ApiException.conflict("membership " + id + " is the last admin of project " + projectId);
        }
    }

    Membership nextVersion() {
        return new Membership(id, projectId, userId, role, status, createdAt, version + 1);
    }

    public MembershipState state() {
        return new MembershipState(id, projectId, userId, role, status, createdAt);
    }
}
