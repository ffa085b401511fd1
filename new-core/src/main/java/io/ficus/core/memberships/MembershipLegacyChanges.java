package io.ficus.core.memberships;

import io.ficus.contracts.ChangeKind;
import io.ficus.contracts.LegacyChange;
import io.ficus.contracts.MembershipState;
import io.ficus.core.projects.ProjectLocks;
import io.ficus.core.shared.Origin;
import io.ficus.core.shared.events.MembershipRemoved;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Applies membership changes made in the legacy, as upserts or deletions keyed by id. */
@Service
public class MembershipLegacyChanges {

    private final MembershipRepository memberships;
    private final ProjectLocks locks;
    private final ApplicationEventPublisher events;

    MembershipLegacyChanges(MembershipRepository memberships, ProjectLocks locks, ApplicationEventPublisher events) {
        this.memberships = memberships;
        this.locks = locks;
        this.events = events;
    }

    /**
     * Applies one change; the caller guarantees order and idempotency. A deletion of a membership the core never had is
     * still announced, so every read model drops it.
     */
    @Transactional
    public void apply(LegacyChange change) {
        Optional<Membership> existing = memberships.find(change.entityId());
        existing.ifPresent(m -> locks.lock(m.projectId()));
        if (change.kind() == ChangeKind.DELETED) {
            existing.ifPresentOrElse(m -> {
                m.delete(Origin.LEGACY);
                memberships.save(m);
            }, () -> events.publishEvent(new MembershipRemoved(change.entityId(), null, null, 0, Origin.LEGACY)));
            return;
        }
        MembershipState s = (MembershipState) change.state();
        locks.lock(s.projectId());
        memberships.save(Membership.fromLegacy(s, existing.orElse(null)));
    }
}
