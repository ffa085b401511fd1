package io.ficus.contracts;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An integration event of the new core, published to {@link Topics#coreEvents()} keyed by
 * {@link #aggregateId()} after the change committed. It carries the aggregate's full state,
 * so a consumer never needs an earlier event to apply it.
 *
 * @param eventId       unique per event; consumers use it to drop redeliveries
 * @param aggregateType which aggregate changed
 * @param aggregateId   which aggregate changed
 * @param version       the aggregate version after the change; consumers never apply a lower
 *                      version over a higher one
 * @param kind          upsert (with {@link #state()}) or deletion (state {@code null})
 * @param occurredAt    when the change committed in the new core
 * @param requestId     the {@code X-Request-Id} of the request that caused it, if any
 * @param state         the aggregate's full new state; {@code null} when deleted
 */
public record CoreEvent(
        UUID eventId,
        EntityType aggregateType,
        UUID aggregateId,
        long version,
        ChangeKind kind,
        Instant occurredAt,
        String requestId,
        EntityState state) {

    public CoreEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(aggregateType, "aggregateType");
        Objects.requireNonNull(aggregateId, "aggregateId");
        Objects.requireNonNull(kind, "kind");
        if (kind == ChangeKind.UPSERTED && state == null) {
            throw new IllegalArgumentException("an upsert carries the aggregate's state");
        }
    }
}
