package io.ficus.gateway.toggles;

import io.ficus.gateway.catalog.CatalogRoute;
import io.ficus.gateway.catalog.Toggle;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** The single-writer rule: all write routes of a group must have the same write owner. */
final class GroupOwnership {

    private GroupOwnership() {
    }

    /**
     * Checks the toggles a group would have after a change.
     *
     * @throws OwnershipConflictException naming the owners the write routes would be split between
     */
    static void check(String group, List<CatalogRoute> routes, Map<String, Toggle> proposed) {
        Map<String, TreeSet<String>> routesByOwner = new TreeMap<>();
        for (CatalogRoute route : routes) {
            if (route.write()) {
                routesByOwner.computeIfAbsent(proposed.get(route.id()).writeOwner(), k -> new TreeSet<>()).add(route.id());
            }
        }
        if (routesByOwner.size() > 1) {
            throw new OwnershipConflictException("writes of group '" + group + "' must have one owner, but this change"
                    + " would split them: " + routesByOwner + "; change the whole group instead");
        }
    }
}
