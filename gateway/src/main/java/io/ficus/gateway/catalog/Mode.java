package io.ficus.gateway.catalog;

/** Who answers a route's requests. */
public enum Mode {
    /** The legacy answers; nothing else happens. */
    LEGACY,
    /** The legacy answers; the new core is called off the response path and both answers are compared. */
    SHADOW,
    /** The new core answers for a sticky percentage of callers, the legacy (shadowed) for the rest. */
    CANARY,
    /**
     * The new core answers. With {@link Toggle#shadowReads()}, the legacy is also called off the response path for
     * safe reads (GET, HEAD) and both answers are compared; writes never reach the legacy.
     */
    NEW
}
