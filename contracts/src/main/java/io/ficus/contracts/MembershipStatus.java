package io.ficus.contracts;

/** Whether a membership is an open invitation or accepted (legacy code 0 = OPEN, 1 = ACCEPTED). */
public enum MembershipStatus {
    OPEN, ACCEPTED
}
