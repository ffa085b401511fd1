package io.ficus.core.users;

import io.ficus.contracts.ChangeKind;
import io.ficus.contracts.LegacyChange;
import io.ficus.contracts.UserState;
import io.ficus.core.shared.Origin;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Applies user changes made in the legacy, as upserts or deletions keyed by id. */
@Service
public class UserLegacyChanges {

    private final UserRepository users;
    private final ApplicationEventPublisher events;

    UserLegacyChanges(UserRepository users, ApplicationEventPublisher events) {
        this.users = users;
        this.events = events;
    }

    /**
     * Applies one change; the caller guarantees order and idempotency. A user whose email the legacy gave to another is
     * deleted here: the legacy freed it by deleting that user, whose deletion is on its way.
     */
    @Transactional
    public void apply(LegacyChange change) {
        Optional<User> existing = users.find(change.entityId());
        if (change.kind() == ChangeKind.DELETED) {
            existing.ifPresent(this::deleted);
            return;
        }
        UserState s = (UserState) change.state();
        users.findByEmail(s.email()).filter(other -> !other.id().equals(s.id())).ifPresent(this::deleted);
        if (existing.isPresent()) {
            User user = new User(s.id(), s.name(), s.email(), s.passwordHash(), s.createdAt(), existing.get().version() + 1);
            users.update(user);
            events.publishEvent(new UserChanged(user.state(), user.version(), Origin.LEGACY));
        } else {
            User user = new User(s.id(), s.name(), s.email(), s.passwordHash(), s.createdAt(), 1);
            users.insert(user);
            events.publishEvent(new UserRegistered(user.state(), user.version(), Origin.LEGACY));
        }
    }

    private void deleted(User user) {
        users.delete(user.id());
        events.publishEvent(new UserDeleted(user.id(), user.version() + 1, Origin.LEGACY));
    }
}
