package io.ficus.gateway.toggles;

import io.ficus.gateway.catalog.CatalogRoute;
import io.ficus.gateway.catalog.Toggle;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A validated change of toggles within one group, as planned from the toggles the store held when it was planned.
 *
 * @param group       the group
 * @param groupRoutes every route of the group
 * @param changed     the routes the change moves
 * @param to          their toggle after the change
 * @param current     the group's toggles when planned, by route id
 * @param proposed    the group's toggles after the change, by route id
 */
public record ToggleChange(String group, List<CatalogRoute> groupRoutes, List<CatalogRoute> changed, Toggle to,
                           Map<String, Toggle> current, Map<String, Toggle> proposed) {

    public ToggleChange {
        groupRoutes = List.copyOf(groupRoutes);
        changed = List.copyOf(changed);
        current = Map.copyOf(current);
        proposed = Map.copyOf(proposed);
    }

    /** Who owns the group's writes before the change: {@code legacy} or {@code core}; null for a group without write routes. */
    public String fromOwner() {
        return GroupOwnership.owner(groupRoutes, current);
    }

    /** Who owns the group's writes after the change; null for a group without write routes. */
    public String toOwner() {
        return GroupOwnership.owner(groupRoutes, proposed);
    }

    /** Whether the change moves the group's writes to the other system: such a flip is a handover. */
    public boolean movesWrites() {
        return !Objects.equals(fromOwner(), toOwner());
    }

    /** Whether the change changes nothing. */
    public boolean noop() {
        return current.equals(proposed);
    }
}
