package io.ficus.core.legacy;

import io.ficus.contracts.LegacyChange;
import io.ficus.core.memberships.MembershipManagement;
import io.ficus.core.phases.PhaseManagement;
import io.ficus.core.projects.ProjectManagement;
import io.ficus.core.tickets.TicketManagement;
import io.ficus.core.users.UserManagement;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies legacy changes, idempotently and in source order: one change, or a batch of them
 * (what one poll of a partition returned) in one transaction.
 */
@Service
class LegacyChangeApplier {

    private static final Logger log = LoggerFactory.getLogger(LegacyChangeApplier.class);

    private final SourcePositions positions;
    private final UserManagement users;
    private final ProjectManagement projects;
    private final MembershipManagement memberships;
    private final PhaseManagement phases;
    private final TicketManagement tickets;

    LegacyChangeApplier(SourcePositions positions, UserManagement users, ProjectManagement projects,
                        MembershipManagement memberships, PhaseManagement phases, TicketManagement tickets) {
        this.positions = positions;
        this.users = users;
        this.projects = projects;
        this.memberships = memberships;
        this.phases = phases;
        this.tickets = tickets;
    }

    /**
     * Applies {@code changes} in their order, in one transaction: all of them or none.
     *
     * @return how many were applied (the others were duplicates or older than what is stored)
     */
    @Transactional
    int applyAll(List<LegacyChange> changes) {
        int applied = 0;
        for (LegacyChange change : changes) {
            if (apply(change)) {
                applied++;
            }
        }
        return applied;
    }

    /** @return whether the change was applied (false: a duplicate or older than what is stored) */
    @Transactional
    boolean apply(LegacyChange change) {
        if (!positions.advance(change)) {
            log.debug("Skipping {} {} at lsn {}: not newer than what is applied", change.entityType(), change.entityId(),
                    change.source().lsn());
            return false;
        }
        switch (change.entityType()) {
            case USER -> users.applyLegacyChange(change);
            case PROJECT -> projects.applyLegacyChange(change);
            case MEMBERSHIP -> memberships.applyLegacyChange(change);
            case PHASE -> phases.applyLegacyChange(change);
            case TICKET -> tickets.applyLegacyChange(change);
        }
        return true;
    }
}
