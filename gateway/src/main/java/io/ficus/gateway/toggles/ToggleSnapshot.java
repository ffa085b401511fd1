package io.ficus.gateway.toggles;

import io.ficus.gateway.catalog.Toggle;
import java.util.Map;

/**
 * An immutable view of every route's toggle, as last read from the store.
 *
 * @param toggles toggle by route id
 */
public record ToggleSnapshot(Map<String, Toggle> toggles) {

    public ToggleSnapshot {
        toggles = Map.copyOf(toggles);
    }

    /** The toggle of a route; LEGACY for routes the store does not know. */
    public Toggle of(String routeId) {
        return toggles.getOrDefault(routeId, Toggle.LEGACY);
    }
}
