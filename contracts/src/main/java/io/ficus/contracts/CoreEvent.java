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
 * @param basedOnLegacyLsn     the log position ({@link SourcePosition#lsn()}) of the last legacy
 *                      change the core had applied to this aggregate when it made this change;
 *                      {@code null} when the core never applied one (the aggregate was created in
 *                      the core) or the producer predates this field
 * @param basedOnLegacyEventId the {@link LegacyChange#eventId()} of that legacy change, {@code null}
 *                      with it; with the position it tells which legacy transaction wrote the
 *                      state this change was based on, so a write-back can tell a legacy row that
 *                      changed since (a conflict) from one the core already saw
 */
public record CoreEvent(
        UUID eventId,
        EntityType aggregateType,
        UUID aggregateId,
        long version,
        ChangeKind kind,
        Instant occurredAt,
        String requestId,
        EntityState state,
        Long basedOnLegacyLsn,
        UUID basedOnLegacyEventId) {

    /** An event of an aggregate the core never applied a legacy change to (or whose basis is unknown). */
    public CoreEvent(UUID eventId, EntityType aggregateType, UUID aggregateId, long version, ChangeKind kind,
                     Instant occurredAt, String requestId, EntityState state) {
        this(eventId, aggregateType, aggregateId, version, kind, occurredAt, requestId, state, null, null);
    }

    public CoreEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(aggregateType, "aggregateType");
        Objects.requireNonNull(aggregateId, "aggregateId");
        Objects.requireNonNull(kind, "kind");
        if (kind == ChangeKind.UPSERTED && state == null) {
            throw new IllegalArgumentException("an upsert carries the aggregate's state");
        }
        if ((basedOnLegacyLsn == null) != (basedOnLegacyEventId == null)) {
            throw new IllegalArgumentException("the legacy basis is a position and an event id, or neither");
        }
    }
}
