package io.ficus.legacy.memberships;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A membership as the API shows it.
 *
 * @param id        membership id
 * @param projectId the project
 * @param userId    the member or invitee
 * @param role      ADMIN or MEMBER
 * @param state     OPEN (invited) or ACCEPTED
 */
@JsonPropertyOrder({"id", "projectId", "userId", "role", "state"})
public record MembershipView(String id, String projectId, String userId, Role role, MembershipState state) {

    static MembershipView of(Membership m) {
        return new MembershipView(m.getId(), m.getProjectId(), m.getUserId(), Role.of(m.getRoleCode()),
                MembershipState.of(m.getStateCode()));
    }
}
