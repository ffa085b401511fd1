package io.ficus.core.tickets;

import io.ficus.contracts.ChangeKind;
import io.ficus.contracts.LegacyChange;
import io.ficus.contracts.TicketState;
import io.ficus.core.projects.ProjectLocks;
import io.ficus.core.shared.Origin;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Applies ticket changes made in the legacy, as upserts or deletions keyed by id. */
@Service
public class TicketLegacyChanges {

    private final TicketRepository tickets;
    private final TicketBatches batches;
    private final ProjectLocks locks;

    TicketLegacyChanges(TicketRepository tickets, TicketBatches batches, ProjectLocks locks) {
        this.tickets = tickets;
        this.batches = batches;
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

    /**
     * Applies changes of distinct tickets, as {@link #apply} each would, in a few round trips: the tickets read in one
     * query, their projects locked in one (in id order, so two batches never wait on each other in a circle), then stored
     * in JDBC batches. The caller guarantees order and idempotency.
     */
    @Transactional
    public void applyAll(List<LegacyChange> changes) {
        Map<UUID, Ticket> existing = batches.findAll(changes.stream().map(LegacyChange::entityId).toList());
        Set<UUID> projects = new HashSet<>();
        List<Ticket> changed = new ArrayList<>(changes.size());
        for (LegacyChange change : changes) {
            Ticket current = existing.get(change.entityId());
            if (change.kind() == ChangeKind.DELETED) {
                if (current != null) {
                    projects.add(current.projectId());
                    current.delete(Origin.LEGACY);
                    changed.add(current);
                }
                continue;
            }
            TicketState s = (TicketState) change.state();
            projects.add(s.projectId());
            changed.add(Ticket.fromLegacy(s, current));
        }
        locks.lockAll(projects);
        batches.saveAll(changed);
    }
}
