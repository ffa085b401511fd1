package io.ficus.gateway.proxy;

import io.ficus.gateway.catalog.CatalogRoute;
import io.ficus.gateway.catalog.Toggle;

/**
 * How one request is routed.
 *
 * @param route   the catalog route, null when the request matches none (it then goes to the legacy)
 * @param toggle  the route's toggle at the moment the request arrived
 * @param backend who answers
 * @param shadow  whether the new core is also called and the answers compared
 */
public record Decision(CatalogRoute route, Toggle toggle, Backend backend, boolean shadow) {

    /** Exchange attribute holding the decision. */
    public static final String ATTRIBUTE = Decision.class.getName();

    /** The route id for metrics: the catalog id, or {@code unmatched}. */
    public String routeTag() {
        return route == null ? "unmatched" : route.id();
    }
}
