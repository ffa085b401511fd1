package io.ficus.core.users;

import io.ficus.contracts.ChangeKind;
import io.ficus.contracts.LegacyChange;
import io.ficus.contracts.UserState;
import io.ficus.core.shared.Origin;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Applies user changes made in the legacy, as upserts or deletions keyed by id. */
@Service
public class UserLegacyChanges {

    private final UserRepository users;

    UserLegacyChanges(UserRepository users) {
        this.users = users;
    }

    /**
     * Applies one change; the caller guarantees order and idempotency. A user whose email the legacy gave to another is
     * deleted here: the legacy freed it by deleting that user, whose deletion is on its way.
     */
    @Transactional
    public void apply(LegacyChange change) {
        Optional<User> existing = users.find(change.entityId());
        if (change.kind() == ChangeKind.DELETED) {
            existing.ifPresent(this::delete);
            return;
        }
        UserState s = (UserState) change.state();
        users.findByEmail(s.email()).filter(other -> !other.id().equals(s.id())).ifPresent(this::delete);
        users.save(User.fromLegacy(s, existing.orElse(null)));
    }

    private void delete(User user) {
        user.delete(Origin.LEGACY);
        users.save(user);
    }
}
