package io.ficus.gateway.catalog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The configured routes, matched most specific pattern first ({@code /api/users/me} before
 * {@code /api/users/{id}}), so declaration order does not matter.
 */
public final class RouteCatalog {

    private final List<CatalogRoute> bySpecificity;
    private final Map<String, CatalogRoute> byId;

    public RouteCatalog(List<RouteSpec> specs) {
        PathPatternParser parser = new PathPatternParser();
        Map<String, CatalogRoute> routes = new LinkedHashMap<>();
        for (RouteSpec spec : specs) {
            CatalogRoute route = CatalogRoute.of(spec, parser.parse(spec.path()));
            if (routes.put(route.id(), route) != null) {
                throw new IllegalArgumentException("duplicate route id " + route.id());
            }
        }
        this.byId = Map.copyOf(routes);
        List<CatalogRoute> sorted = new ArrayList<>(routes.values());
        sorted.sort(Comparator.comparing(CatalogRoute::pattern));
        this.bySpecificity = List.copyOf(sorted);
        checkNoOverlap();
    }

    private void checkNoOverlap() {
        var seen = new HashSet<String>();
        for (CatalogRoute route : bySpecificity) {
            for (HttpMethod method : route.methods()) {
                if (!seen.add(method + " " + route.path())) {
                    throw new IllegalArgumentException("two routes answer " + method + " " + route.path());
                }
            }
        }
    }

    /** The route answering this method and path, if any. */
    public Optional<CatalogRoute> match(HttpMethod method, String path) {
        return match(method, PathContainer.parsePath(path));
    }

    /**
     * The route answering this method and already parsed path, such as a request's path within the application. A HEAD
     * request belongs to the route that declares HEAD for the path or, failing one, to the route of GET (HTTP answers
     * HEAD as GET without the body), so it follows that route's mode.
     */
    public Optional<CatalogRoute> match(HttpMethod method, PathContainer container) {
        for (CatalogRoute route : bySpecificity) {
            if (route.methods().contains(method) && route.pattern().matches(container)) {
                return Optional.of(route);
            }
        }
        if (HttpMethod.HEAD.equals(method)) {
            return match(HttpMethod.GET, container);
        }
        return Optional.empty();
    }

    /** The route with this id, if any. */
    public Optional<CatalogRoute> route(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** All routes, sorted by id. */
    public List<CatalogRoute> routes() {
        return bySpecificity.stream().sorted(Comparator.comparing(CatalogRoute::id)).toList();
    }

    /** The routes of one group, empty when no route has it. */
    public List<CatalogRoute> group(String group) {
        return routes().stream().filter(r -> r.group().equals(group)).toList();
    }
}
