package io.ficus.contracts;

/** A member's role in a project (legacy code 1 = ADMIN, 2 = MEMBER). */
public enum MembershipRole {
    ADMIN, MEMBER
}
