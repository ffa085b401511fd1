package io.ficus.contracts;

/**
 * The HTTP headers Ficus components add to or read from the ticketing API's traffic, named once for all of
 * them (the gateway sets them, the applications read them, the tests check them).
 */
public final class Headers {

    /** A request's id: kept when the client sent one, else made at the gateway's edge; every application logs it. */
    public static final String REQUEST_ID = "X-Request-Id";

    /**
     * Proves a request comes from the gateway: the shared {@code ficus.security.gateway-secret}. The applications
     * honour a dry run and take pushes of write ownership only with it; it never reaches a log or a stored comparison.
     */
    public static final String GATEWAY_SECRET = "X-Ficus-Gateway-Secret";

    /** Asks the new core to run a write and roll it back (SHADOW's dry run): the answer is real, nothing is kept. */
    public static final String DRY_RUN = "X-Ficus-Dry-Run";

    /** Which system answered ({@code legacy} or {@code core}), when the gateway is configured to say so. */
    public static final String BACKEND = "X-Ficus-Backend";

    /** The id of the handover a flip ran (admin API answers). */
    public static final String HANDOVER_ID = "X-Ficus-Handover-Id";

    /** How long a flip held the group's writes, in milliseconds (admin API answers). */
    public static final String HANDOVER_PAUSE_MILLIS = "X-Ficus-Handover-Pause-Millis";

    /** The handover's stages and how long each took (admin API answers). */
    public static final String HANDOVER_STAGES = "X-Ficus-Handover-Stages";

    private Headers() {
    }
}
