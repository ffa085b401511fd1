package io.ficus.core.memberships;

import io.ficus.contracts.MembershipRole;
import io.ficus.contracts.MembershipState;
import io.ficus.contracts.MembershipStatus;
import io.ficus.core.shared.Aggregate;
import io.ficus.core.shared.Origin;
import io.ficus.core.shared.Timestamps;
import io.ficus.core.shared.events.MembershipAdded;
import io.ficus.core.shared.events.MembershipChanged;
import io.ficus.core.shared.events.MembershipRemoved;
import io.ficus.support.web.ApiException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.UUID;
import org.jmolecules.ddd.annotation.AggregateRoot;

/**
 * The membership aggregate: one user's place in one project. Every change is a method that checks its precondition
 * (against the membership and, through {@link MembershipRules}, the project's other memberships) and registers its
 * event with the next version; the invariant it keeps is that a project never loses its last accepted admin.
 */
@AggregateRoot
public final class Membership extends Aggregate<Membership> {

    private final UUID id;
    private final UUID projectId;
    private final UUID userId;
    private MembershipRole role;
    private MembershipStatus status;
    private final LocalDateTime createdAt;

    /** A stored membership, as loaded. */
    Membership(UUID id, UUID projectId, UUID userId, MembershipRole role, MembershipStatus status, LocalDateTime createdAt,
               long version) {
        this(id, projectId, userId, role, status, createdAt, version, version);
    }

    private Membership(UUID id, UUID projectId, UUID userId, MembershipRole role, MembershipStatus status,
                       LocalDateTime createdAt, long version, long storedVersion) {
        super(version, storedVersion);
        this.id = id;
        this.projectId = projectId;
        this.userId = userId;
        this.role = role;
        this.status = status;
        this.createdAt = createdAt;
    }

    /** An invitation (OPEN) of an existing user who has no membership in the project yet. */
    static Membership invite(InviteMember command, MembershipRules rules) {
        if (command.userId() == null) {
            throw ApiException.badRequest("'userId' must not be null");
        }
        if (command.role() == null) {
            throw ApiException.badRequest("'role' must not be null");
        }
        if (!rules.isUser(command.userId())) {
            throw ApiException.badRequest("'userId' " + command.userId() + " is not a user");
        }
        if (rules.hasMembership(command.projectId(), command.userId())) {
            throw ApiException.conflict("user " + command.userId() + " already has a membership in project " + command.projectId());
        }
        return added(new Membership(UUID.randomUUID(), command.projectId(), command.userId(), command.role(),
                MembershipStatus.OPEN, Timestamps.now(), 1, 0));
    }

    /** A new project's creator, its accepted admin; the id derives from project and user, so a retried cascade finds it. */
    static Membership founder(UUID projectId, UUID creatorId, LocalDateTime createdAt) {
        UUID id = UUID.nameUUIDFromBytes(("admin:" + projectId + ":" + creatorId).getBytes(StandardCharsets.UTF_8));
        return added(new Membership(id, projectId, creatorId, MembershipRole.ADMIN, MembershipStatus.ACCEPTED, createdAt, 1, 0));
    }

    private static Membership added(Membership m) {
        return m.andEvent(new MembershipAdded(m.state(), 1, Origin.CORE));
    }

    /** The membership as the legacy changed it, over {@code existing} (null: new to the core). */
    static Membership fromLegacy(MembershipState s, Membership existing) {
        long stored = existing == null ? 0 : existing.version();
        var m = new Membership(s.id(), s.projectId(), s.userId(), s.role(), s.state(), s.createdAt(), stored + 1, stored);
        return m.andEvent(existing == null ? new MembershipAdded(m.state(), m.version(), Origin.LEGACY)
                : new MembershipChanged(m.state(), m.version(), Origin.LEGACY));
    }

    /**
     * Accepts the invitation (the invitee only) and/or changes the role (an admin only; never the last accepted admin's
     * away from ADMIN), as the command names; a new version only when something differs.
     */
    void change(ChangeMembership command, boolean byInvitee, boolean byAdmin, MembershipRules rules) {
        if (command.has("state")) {
            if (command.state() != MembershipStatus.ACCEPTED) {
                throw ApiException.badRequest("'state' may only be set to ACCEPTED");
            }
            if (!byInvitee) {
                throw ApiException.forbidden("only the invitee may accept an invitation");
            }
        }
        MembershipRole newRole = role;
        if (command.has("role")) {
            if (command.role() == null) {
                throw ApiException.badRequest("'role' must not be null");
            }
            if (!byAdmin) {
                throw ApiException.forbidden("only an admin of the project may change roles");
            }
            if (isAcceptedAdmin() && command.role() != MembershipRole.ADMIN && rules.acceptedAdmins(projectId) == 1) {
                throw ApiException.conflict("project " + projectId + " would be left without an admin");
            }
            newRole = command.role();
        }
        MembershipStatus newStatus = command.has("state") ? MembershipStatus.ACCEPTED : status;
        if (newRole != role || newStatus != status) {
            role = newRole;
            status = newStatus;
            registerEvent(new MembershipChanged(state(), nextVersion(), Origin.CORE));
        }
    }

    /** Removes the membership (the member leaving, or an admin); refused for the project's last accepted admin. */
    void remove(MembershipRules rules) {
        if (isAcceptedAdmin() && rules.acceptedAdmins(projectId) == 1) {
            throw ApiException.conflict("membership " + id + " is the last admin of project " + projectId);
        }
        delete(Origin.CORE);
    }

    /** The membership goes, without a check; {@code origin} says who decided it (a cascade, the legacy). */
    void delete(Origin origin) {
        registerEvent(new MembershipRemoved(id, projectId, userId, markDeleted(), origin));
    }

    public boolean isAccepted() {
        return status == MembershipStatus.ACCEPTED;
    }

    public boolean isAcceptedAdmin() {
        return isAccepted() && role == MembershipRole.ADMIN;
    }

    public UUID id() {
        return id;
    }

    public UUID projectId() {
        return projectId;
    }

    /** The member or invitee. */
    public UUID userId() {
        return userId;
    }

    /** ADMIN or MEMBER. */
    public MembershipRole role() {
        return role;
    }

    /** OPEN (invited) or ACCEPTED. */
    public MembershipStatus status() {
        return status;
    }

    /** Creation time (UTC, to the second). */
    public LocalDateTime createdAt() {
        return createdAt;
    }

    public MembershipState state() {
        return new MembershipState(id, projectId, userId, role, status, createdAt);
    }
}
