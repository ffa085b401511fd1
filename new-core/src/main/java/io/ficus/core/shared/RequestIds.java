package io.ficus.core.shared;

/** The {@code X-Request-Id} of the request the current thread is serving, if any. */
public final class RequestIds {

    /** The request id header, propagated end to end. */
    public static final String HEADER = io.ficus.contracts.Headers.REQUEST_ID;

    private static final ThreadLocal<String> current = new ThreadLocal<>();

    private RequestIds() {
    }

    public static String current() {
        return current.get();
    }

    static void set(String requestId) {
        if (requestId == null) {
            current.remove();
        } else {
            current.set(requestId);
        }
    }
}
