package io.ficus.core.memberships;

import io.ficus.contracts.MembershipRole;
import java.util.UUID;

/** Command: invite a user into a project with a role; the invitation starts OPEN. */
public record InviteMember(UUID projectId, UUID userId, MembershipRole role) {
}
