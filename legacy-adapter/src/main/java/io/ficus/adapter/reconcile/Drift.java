package io.ficus.adapter.reconcile;

import io.ficus.contracts.EntityType;
import java.util.List;
import java.util.UUID;

/**
 * One entity whose two stores disagree.
 *
 * @param type   entity type
 * @param id     entity id
 * @param kind   how they disagree
 * @param fields for {@link Kind#DIFFERENT}: the canonical fields that differ (names only, never values)
 */
public record Drift(EntityType type, UUID id, Kind kind, List<String> fields) {

    public enum Kind { MISSING_IN_CORE, MISSING_IN_LEGACY, DIFFERENT }
}
