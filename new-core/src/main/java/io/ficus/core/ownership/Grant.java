package io.ficus.core.ownership;

import java.util.List;

/**
 * The owner of one route group's writes, as the gateway last pushed it; the core's view of the write guard's
 * {@link io.ficus.support.ownership.Grant}.
 *
 * @param group  the group, such as {@code tickets}
 * @param owner  {@code legacy} or {@code core}
 * @param epoch  the gateway's epoch of this decision; an older one is never applied over it
 * @param routes the group's write routes, from the gateway's catalog
 */
public record Grant(String group, String owner, long epoch, List<io.ficus.support.ownership.Grant.WriteRoute> routes) {

    public Grant {
        routes = List.copyOf(routes);
    }

    static Grant of(io.ficus.support.ownership.Grant grant) {
        return new Grant(grant.group(), grant.owner(), grant.epoch(), grant.routes());
    }

    io.ficus.support.ownership.Grant toGuard() {
        return new io.ficus.support.ownership.Grant(group, owner, epoch, routes);
    }
}
