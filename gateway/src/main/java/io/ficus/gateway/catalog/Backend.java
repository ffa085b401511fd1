package io.ficus.gateway.catalog;

import java.util.Locale;

/** One of the two systems behind the gateway: the one that answers a request, or the one shadowed beside it. */
public enum Backend {
    LEGACY, CORE;

    /** Lower-case name, as used in metrics and the {@code X-Ficus-Backend} header. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The other system: the one a shadow call goes to when this one answers the client. */
    public Backend other() {
        return this == LEGACY ? CORE : LEGACY;
    }

    /** How messages name it: {@code the legacy} or {@code the new core}. */
    public String description() {
        return this == LEGACY ? "the legacy" : "the new core";
    }
}
