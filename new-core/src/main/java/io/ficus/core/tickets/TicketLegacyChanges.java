package io.ficus.core.tickets;

import io.ficus.contracts.ChangeKind;
import io.ficus.contracts.LegacyChange;
import io.ficus.contracts.TicketState;
import io.ficus.core.projects.ProjectLocks;
import io.ficus.core.shared.Origin;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Applies ticket changes made in the legacy, as upserts or deletions keyed by id. */
@Service
public class TicketLegacyChanges {

    private final TicketRepository tickets;
    private final ProjectLocks locks;

    TicketLegacyChanges(TicketRepository tickets, ProjectLocks locks) {
        this.tickets = tickets;
        this.locks = locks;
    }

    /** Applies one change; the caller guarantees order and idempotency. */
    @Transactional
    public void apply(LegacyChange change) {
        Optional<Ticket> existing = tickets.find(change.entityId());
        if (change.kind() == ChangeKind.DELETED) {
            existing.ifPresent(t -> {
                locks.lock(t.projectId());
                t.delete(Origin.LEGACY);
                tickets.save(t);
            });
            return;
        }
        TicketState s = (TicketState) change.state();
        locks.lock(s.projectId());
        tickets.save(Ticket.fromLegacy(s, existing.orElse(null)));
    }
}
