package io.ficus.core.memberships;

import java.util.UUID;

/** What a membership checks beyond itself: the module's read model of users and its other memberships (under the project's lock). */
interface MembershipRules {

    boolean isUser(UUID userId);

    boolean hasMembership(UUID projectId, UUID userId);

    long acceptedAdmins(UUID projectId);
}
