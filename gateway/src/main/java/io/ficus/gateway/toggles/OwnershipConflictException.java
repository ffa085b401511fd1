package io.ficus.gateway.toggles;

/** A toggle change refused because it would split the write routes of a group between the two systems. */
public class OwnershipConflictException extends RuntimeException {

    public OwnershipConflictException(String message) {
        super(message);
    }
}
