package io.ficus.core.memberships;

import io.ficus.contracts.ChangeKind;
import io.ficus.contracts.LegacyChange;
import io.ficus.contracts.MembershipState;
import io.ficus.core.projects.ProjectLocks;
import io.ficus.core.shared.Origin;
import io.ficus.core.shared.events.MembershipRemoved;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
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

    /**
     * Applies changes of distinct memberships, as {@link #apply} each would, in a few round trips: the memberships read
     * in one query, their projects (the stored one and the changed one) locked in one (in id order, so two batches never
     * wait on each other in a circle), the new ones inserted in one JDBC batch. The caller guarantees order and
     * idempotency.
     */
    @Transactional
    public void applyAll(List<LegacyChange> changes) {
        Map<UUID, Membership> existing = memberships.findAll(changes.stream().map(LegacyChange::entityId).toList());
        Set<UUID> projects = new HashSet<>();
        List<Membership> changed = new ArrayList<>(changes.size());
        List<LegacyChange> removedUnknown = new ArrayList<>();
        for (LegacyChange change : changes) {
            Membership current = existing.get(change.entityId());
            if (current != null) {
                projects.add(current.projectId());
            }
            if (change.kind() == ChangeKind.DELETED) {
                if (current != null) {
                    current.delete(Origin.LEGACY);
                    changed.add(current);
                } else {
                    removedUnknown.add(change);
                }
                continue;
            }
            MembershipState s = (MembershipState) change.state();
            projects.add(s.projectId());
            changed.add(Membership.fromLegacy(s, current));
        }
        locks.lockAll(projects);
        memberships.saveAll(changed);
        removedUnknown.forEach(change -> events.publishEvent(new MembershipRemoved(change.entityId(), null, null, 0, Origin.LEGACY)));
    }
}
