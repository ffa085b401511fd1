package io.ficus.core.integration;

import io.ficus.contracts.ChangeKind;
import io.ficus.contracts.CoreEvent;
import io.ficus.core.shared.AggregateChanged;
import io.ficus.core.shared.Origin;
import io.ficus.core.shared.RequestIds;
import java.time.Instant;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Turns the core's own aggregate changes into integration events, inside the changing transaction. */
@Component
class CoreEvents {

    private final ApplicationEventPublisher events;
    private final LegacyBasis basis;

    CoreEvents(ApplicationEventPublisher events, LegacyBasis basis) {
        this.events = events;
        this.basis = basis;
    }

    @EventListener
    void on(AggregateChanged change) {
        if (change.origin() != Origin.CORE) {
            return;
        }
        var legacy = basis.of(change.aggregateType(), change.aggregateId());
        events.publishEvent(new CoreEvent(UUID.randomUUID(), change.aggregateType(), change.aggregateId(), change.version(),
                change.newState() == null ? ChangeKind.DELETED : ChangeKind.UPSERTED, Instant.now(), RequestIds.current(),
                change.newState(), legacy.map(LegacyBasis.Basis::lsn).orElse(null),
                legacy.map(LegacyBasis.Basis::eventId).orElse(null)));
    }
}
