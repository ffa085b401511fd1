package io.ficus.legacy.memberships;

import java.util.HashSet;
import java.util.Set;

/**
 * The body of {@code PATCH /api/memberships/{id}}: {@code state: "ACCEPTED"} accepts an invitation
 * (the invitee only); {@code role} changes the role (admins only). Neither may be null.
 */
public class MembershipPatch {

    private final Set<String> present = new HashSet<>();
    private MembershipState state;
    private Role role;

    public boolean has(String field) {
        return present.contains(field);
    }

    public MembershipState getState() {
        return state;
    }

    public void setState(MembershipState state) {
        present.add("state");
        this.state = state;
    }

    public Role getRole() {
        return role;
    }

    public void setRole(Role role) {
        present.add("role");
        this.role = role;
    }
}
