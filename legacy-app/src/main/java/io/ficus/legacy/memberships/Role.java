package io.ficus.legacy.memberships;

/** A member's role in a project; stored as {@code MBR_ROLE_CD} 1 (ADMIN) or 2 (MEMBER). */
public enum Role {
    ADMIN, MEMBER;

    short code() {
        return this == ADMIN ? Membership.ADMIN : Membership.MEMBER;
    }

    static Role of(short code) {
        return code == Membership.ADMIN ? ADMIN : MEMBER;
    }
}
