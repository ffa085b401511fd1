package io.ficus.contracts;

import java.util.Objects;
import java.util.UUID;

/**
 * A canonical event translated from one legacy row change, published by legacy-adapter
 * to {@link Topics#legacyChanges()} keyed by {@link #entityId()}.
 *
 * @param eventId    unique per change; deterministic for one source row change, so a
 *                   redelivered row change produces the same id
 * @param entityType what changed
 * @param entityId   which entity changed
 * @param kind       upsert (with {@link #state()}) or deletion (state {@code null})
 * @param source     the legacy log position, for ordering and idempotency
 * @param state      the entity's full new state; {@code null} when {@code kind} is DELETED
 */
public record LegacyChange(
        UUID eventId,
        EntityType entityType,
        UUID entityId,
        ChangeKind kind,
        SourcePosition source,
        EntityState state) {

    public LegacyChange {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(entityType, "entityType");
        Objects.requireNonNull(entityId, "entityId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(source, "source");
        if (kind == ChangeKind.UPSERTED && state == null) {
            throw new IllegalArgumentException("an upsert carries the entity's state");
        }
    }
}
