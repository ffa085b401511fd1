package io.ficus.core.memberships;

import io.ficus.contracts.MembershipRole;
import io.ficus.contracts.MembershipStatus;
import java.util.Set;
import java.util.UUID;

/** Command: accept an invitation ({@code state}) and/or change the role ({@code role}), as named in {@code fields}. */
public record ChangeMembership(UUID membershipId, Set<String> fields, MembershipStatus state, MembershipRole role) {

    public boolean has(String field) {
        return fields.contains(field);
    }
}
