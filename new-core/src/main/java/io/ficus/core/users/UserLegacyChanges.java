package io.ficus.core.users;

import io.ficus.contracts.ChangeKind;
import io.ficus.contracts.LegacyChange;
import io.ficus.contracts.UserState;
import io.ficus.core.shared.Origin;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
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

    /**
     * Applies changes of distinct users, as {@link #apply} each would, in a few round trips: the users read in one query,
     * the holders of their emails in one, the new ones inserted in one JDBC batch. When an email is held by another user
     * (stored, or twice in the batch), the changes are applied one at a time instead, in their order, so that the user
     * who freed it and the one who takes it follow each other as on the legacy. The caller guarantees order and
     * idempotency.
     */
    @Transactional
    public void applyAll(List<LegacyChange> changes) {
        Map<UUID, User> existing = users.findAll(changes.stream().map(LegacyChange::entityId).toList());
        Set<String> emails = new HashSet<>();
        boolean emailMoves = false;
        for (LegacyChange change : changes) {
            if (change.kind() != ChangeKind.DELETED) {
                emailMoves |= !emails.add(((UserState) change.state()).email().toLowerCase(Locale.ROOT));
            }
        }
        if (!emailMoves && !emails.isEmpty()) {
            Map<String, UUID> byEmail = new HashMap<>();
            for (LegacyChange change : changes) {
                if (change.kind() != ChangeKind.DELETED) {
                    byEmail.put(((UserState) change.state()).email().toLowerCase(Locale.ROOT), change.entityId());
                }
            }
            emailMoves = users.findAllByEmail(emails).stream()
                    .anyMatch(holder -> !holder.id().equals(byEmail.get(holder.email().toLowerCase(Locale.ROOT))));
        }
        if (emailMoves) {
            changes.forEach(this::apply);
            return;
        }
        List<User> changed = new ArrayList<>(changes.size());
        for (LegacyChange change : changes) {
            User current = existing.get(change.entityId());
            if (change.kind() == ChangeKind.DELETED) {
                if (current != null) {
                    current.delete(Origin.LEGACY);
                    changed.add(current);
                }
                continue;
            }
            changed.add(User.fromLegacy((UserState) change.state(), current));
        }
        users.saveAll(changed);
    }
}
