package io.ficus.support.ownership;

import java.util.List;

/**
 * The owner of one route group's writes, as the gateway last pushed it.
 *
 * @param group  the group, such as {@code tickets}
 * @param owner  {@code legacy} or {@code core}
 * @param epoch  the gateway's epoch of this decision; an older one is never applied over it
 * @param routes the group's write routes, from the gateway's catalog
 */
public record Grant(String group, String owner, long epoch, List<WriteRoute> routes) {

    public Grant {
        routes = List.copyOf(routes);
    }

    /**
     * One write route of a group.
     *
     * @param methods HTTP methods, such as {@code POST}
     * @param path    Spring path pattern, such as {@code /api/projects/{id}/tickets}
     */
    public record WriteRoute(List<String> methods, String path) {

        public WriteRoute {
            methods = List.copyOf(methods);
        }
    }
}
