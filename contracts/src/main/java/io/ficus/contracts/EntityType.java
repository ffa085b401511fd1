package io.ficus.contracts;

/** The entity types that both stores hold and that the sync keeps equal. */
public enum EntityType {
    USER, PROJECT, MEMBERSHIP, PHASE, TICKET
}
