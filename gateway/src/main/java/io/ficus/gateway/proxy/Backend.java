package io.ficus.gateway.proxy;

import java.util.Locale;

/** The system that answers a request. */
public enum Backend {
    LEGACY, CORE;

    /** Lower-case name, as used in metrics and the {@code X-Ficus-Backend} header. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
