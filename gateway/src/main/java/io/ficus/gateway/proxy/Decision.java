package io.ficus.gateway.proxy;

import io.ficus.gateway.catalog.Backend;
import io.ficus.gateway.catalog.CatalogRoute;
import io.ficus.gateway.catalog.Mode;
import io.ficus.gateway.catalog.Toggle;
import java.util.function.Supplier;
import org.springframework.http.HttpMethod;

/**
 * How one request is routed.
 *
 * @param route   the catalog route, null when the request matches none (it then goes to the legacy)
 * @param toggle  the route's toggle at the moment the request arrived
 * @param backend who answers the client
 * @param shadow  the other system, called off the response path and its answer compared with the client's, or null
 *                when nothing is shadowed
 */
public record Decision(CatalogRoute route, Toggle toggle, Backend backend, Backend shadow) {

    /** Exchange attribute holding the decision. */
    public static final String ATTRIBUTE = Decision.class.getName();

    /** The decision for a request matching no catalog route: the legacy answers, nothing is shadowed. */
    public static final Decision UNMATCHED = new Decision(null, Toggle.LEGACY, Backend.LEGACY, null);

    public Decision {
        if (shadow != null && shadow == backend) {
            throw new IllegalArgumentException("the shadow must be the other system than " + backend);
        }
    }

    /**
     * Routes a request of a catalog route by its toggle.
     * <ul>
     * <li>LEGACY: the legacy answers, nothing is shadowed.</li>
     * <li>SHADOW: the legacy answers, the new core is shadowed (writes as a dry run).</li>
     * <li>CANARY: the caller's bucket picks the backend; the legacy share shadows the new core.</li>
     * <li>NEW: the new core answers; with {@link Toggle#shadowReads()}, a request with a safe method (GET, HEAD) of a
     *     route not declared a write shadows the legacy. Anything else never reaches the legacy.</li>
     * </ul>
     *
     * @param callerKey the caller's key, asked for only in CANARY
     */
    public static Decision of(CatalogRoute route, Toggle toggle, HttpMethod method, Supplier<String> callerKey) {
        Backend backend = switch (toggle.mode()) {
            case LEGACY, SHADOW -> Backend.LEGACY;
            case NEW -> Backend.CORE;
            case CANARY -> Callers.canary(toggle.percent(), callerKey.get());
        };
        Backend shadow = null;
        if (backend == Backend.LEGACY && (toggle.mode() == Mode.SHADOW || toggle.mode() == Mode.CANARY)) {
            shadow = Backend.CORE;
        } else if (toggle.mode() == Mode.NEW && toggle.shadowReads() && route.reads(method)) {
            shadow = Backend.LEGACY;
        }
        return new Decision(route, toggle, backend, shadow);
    }

    /** Whether the other system is called and the answers compared. */
    public boolean shadowed() {
        return shadow != null;
    }

    /** The route id for metrics: the catalog id, or {@code unmatched}. */
    public String routeTag() {
        return route == null ? "unmatched" : route.id();
    }
}
