package io.ficus.gateway.toggles;

import io.ficus.gateway.catalog.CatalogRoute;
import io.ficus.gateway.catalog.Mode;
import io.ficus.gateway.catalog.Toggle;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The single-writer rules: all write routes of a group have the same write owner, and CANARY, which
 * splits callers between the two systems, is only for groups without write routes.
 */
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

    /**
     * Refuses CANARY for any route of a group that has write routes: a canary splits callers, so it would give the
     * group's aggregates two writers, and a canary read of data the other system wrote would miss the writes the sync
     * has not carried over yet (a client would not read its own write).
     *
     * @throws OwnershipConflictException when {@code to} is CANARY and the group has write routes
     */
    static void checkCanary(String group, List<CatalogRoute> routes, Toggle to) {
        if (to.mode() != Mode.CANARY) {
            return;
        }
        List<String> writes = routes.stream().filter(CatalogRoute::write).map(CatalogRoute::id).sorted().toList();
        if (!writes.isEmpty()) {
            throw new OwnershipConflictException("CANARY is for reads only, and group '" + group + "' has write routes "
                    + writes + ": a canary would split its writes between the two systems, and canary reads would miss"
                    + " writes the other system acknowledged until the sync carries them over. Compare with SHADOW, then"
                    + " hand the whole group over with NEW (and back with LEGACY)");
        }
    }

    /** The write owner of a group whose write routes have one owner ({@code legacy} or {@code core}), null without write routes. */
    static String owner(List<CatalogRoute> routes, Map<String, Toggle> toggles) {
        return routes.stream().filter(CatalogRoute::write).findFirst()
                .map(route -> toggles.getOrDefault(route.id(), route.initial()).writeOwner())
                .orElse(null);
    }
}
