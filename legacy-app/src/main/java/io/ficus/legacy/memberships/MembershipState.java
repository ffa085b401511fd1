package io.ficus.legacy.memberships;

/** Whether an invitation was accepted; stored as {@code MBR_STATE_CD} 0 (OPEN) or 1 (ACCEPTED). */
public enum MembershipState {
    OPEN, ACCEPTED;

    static MembershipState of(short code) {
        return code == Membership.ACCEPTED ? ACCEPTED : OPEN;
    }
}
