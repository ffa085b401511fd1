package io.ficus.core.memberships;

import io.ficus.contracts.ChangeKind;
import io.ficus.contracts.LegacyChange;
import io.ficus.contracts.MembershipRole;
import io.ficus.contracts.MembershipState;
import io.ficus.contracts.MembershipStatus;
import io.ficus.core.shared.ApiException;
import io.ficus.core.shared.Caller;
import io.ficus.core.shared.FollowUp;
import io.ficus.core.shared.IdTable;
import io.ficus.core.shared.Origin;
import io.ficus.core.shared.Timestamps;
import io.ficus.core.projects.ProjectLocks;
import io.ficus.core.shared.events.MembershipAdded;
import io.ficus.core.shared.events.MembershipChanged;
import io.ficus.core.shared.events.MembershipRemoved;
import io.ficus.core.shared.events.ProjectAbandoned;
import io.ficus.core.shared.events.ProjectChanged;
import io.ficus.core.shared.events.ProjectCreated;
import io.ficus.core.shared.events.ProjectDeleted;
import io.ficus.core.shared.events.UserChanged;
import io.ficus.core.shared.events.UserDeleted;
import io.ficus.core.shared.events.UserRegistered;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The membership use cases, and the module's reactions to project and user events. */
@Service
public class MembershipManagement {

    private final MembershipRepository memberships;
    private final IdTable projects;
    private final IdTable users;
    private final ProjectLocks locks;
    private final ApplicationEventPublisher events;

    MembershipManagement(MembershipRepository memberships, ProjectLocks locks, JdbcClient jdbc, ApplicationEventPublisher events) {
        this.memberships = memberships;
        this.locks = locks;
        this.projects = new IdTable(jdbc, "memberships_project");
        this.users = new IdTable(jdbc, "memberships_user");
        this.events = events;
    }

    @Transactional(readOnly = true)
    public List<Membership> list(Caller caller, UUID projectId) {
        requireProject(projectId, false);
        requireMember(caller, projectId);
        return memberships.ofProject(projectId);
    }

    @Transactional(readOnly = true)
    public List<Membership> mine(Caller caller) {
        return memberships.ofUser(caller.id());
    }

    @Transactional
    public Membership invite(Caller caller, InviteMember command) {
        UUID projectId = command.projectId();
        requireProject(projectId, true);
        requireAdmin(caller, projectId);
        if (command.userId() == null) {
            throw ApiException.badRequest("'userId' must not be null");
        }
        if (command.role() == null) {
            throw ApiException.badRequest("'role' must not be null");
        }
        if (!users.exists(command.userId())) {
            throw ApiException.badRequest("'userId' " + command.userId() + " is not a user");
        }
        if (memberships.find(projectId, command.userId()).isPresent()) {
            throw ApiException.conflict("user " + command.userId() + " already has a membership in project " + projectId);
        }
        Membership membership = new Membership(UUID.randomUUID(), projectId, command.userId(), command.role(), MembershipStatus.OPEN,
                Timestamps.now(), 1);
        memberships.insert(membership);
        events.publishEvent(new MembershipAdded(membership.state(), 1, Origin.CORE));
        return membership;
    }

    @Transactional
    public Membership change(Caller caller, ChangeMembership command) {
        locks.lock(load(command.membershipId()).projectId());
        Membership membership = load(command.membershipId());
        boolean self = membership.userId().equals(caller.id());
        boolean admin = memberships.find(membership.projectId(), caller.id()).map(Membership::isAcceptedAdmin).orElse(false);
        if (!self && !admin) {
            requireMember(caller, membership.projectId());
            throw ApiException.forbidden("only the invitee or an admin of the project may change this membership");
        }
        if (command.has("state")) {
            if (command.state() != MembershipStatus.ACCEPTED) {
                throw ApiException.badRequest("'state' may only be set to ACCEPTED");
            }
            if (!self) {
                throw ApiException.forbidden("only the invitee may accept an invitation");
            }
        }
        Membership changed = membership;
        if (command.has("role")) {
            if (command.role() == null) {
                throw ApiException.badRequest("'role' must not be null");
            }
            if (!admin) {
                throw ApiException.forbidden("only an admin of the project may change roles");
            }
            changed = changed.withRole(command.role(), memberships.countAcceptedAdmins(membership.projectId()));
        }
        if (command.has("state")) {
            changed = changed.accepted();
        }
        if (changed.equals(membership)) {
            return membership;
        }
        changed = changed.nextVersion();
        memberships.update(changed);
        events.publishEvent(new MembershipChanged(changed.state(), changed.version(), Origin.CORE));
        return changed;
    }

    /** Removes the membership; the tickets module unassigns the user from the project's tickets. */
    @Transactional
    public void remove(Caller caller, UUID id) {
        locks.lock(load(id).projectId());
        Membership membership = load(id);
        if (!membership.userId().equals(caller.id())) {
            requireAdmin(caller, membership.projectId());
        }
        membership.checkRemovable(memberships.countAcceptedAdmins(membership.projectId()));
        delete(membership, Origin.CORE);
    }

    /** Applies a membership change made in the legacy; the caller guarantees order and idempotency. */
    @Transactional
    public void applyLegacyChange(LegacyChange change) {
        Optional<Membership> existing = memberships.find(change.entityId());
        existing.ifPresent(m -> locks.lock(m.projectId()));
        if (change.kind() == ChangeKind.DELETED) {
            existing.ifPresentOrElse(m -> delete(m, Origin.LEGACY),
                    () -> events.publishEvent(new MembershipRemoved(change.entityId(), null, null, 0, Origin.LEGACY)));
            return;
        }
        MembershipState s = (MembershipState) change.state();
        locks.lock(s.projectId());
        long version = existing.map(Membership::version).orElse(0L) + 1;
        Membership membership = new Membership(s.id(), s.projectId(), s.userId(), s.role(), s.state(), s.createdAt(), version);
        if (existing.isPresent()) {
            memberships.update(membership);
            events.publishEvent(new MembershipChanged(membership.state(), version, Origin.LEGACY));
        } else {
            memberships.insert(membership);
            events.publishEvent(new MembershipAdded(membership.state(), version, Origin.LEGACY));
        }
    }

    @EventListener
    void track(ProjectCreated event) {
        projects.apply(event.project().id(), event.version());
    }

    /** A project's creator becomes its accepted admin (idempotent: the id derives from project and user). */
    @FollowUp
    void on(ProjectCreated event) {
        if (event.origin() != Origin.CORE || event.creatorId() == null) {
            return;
        }
        UUID id = UUID.nameUUIDFromBytes(("admin:" + event.project().id() + ":" + event.creatorId()).getBytes(StandardCharsets.UTF_8));
        Membership admin = new Membership(id, event.project().id(), event.creatorId(), MembershipRole.ADMIN, MembershipStatus.ACCEPTED,
                event.project().createdAt(), 1);
        if (memberships.insert(admin)) {
            events.publishEvent(new MembershipAdded(admin.state(), 1, Origin.CORE));
        }
    }

    @EventListener
    void track(ProjectChanged event) {
        projects.apply(event.project().id(), event.version());
    }

    @EventListener
    void track(ProjectDeleted event) {
        projects.remove(event.projectId());
    }

    /** A deleted project's memberships go with it (the legacy sends its own deletions). */
    @FollowUp
    void on(ProjectDeleted event) {
        if (event.origin() == Origin.CORE) {
            memberships.ofProject(event.projectId()).forEach(m -> delete(m, Origin.CORE));
        }
    }

    @EventListener
    void track(UserRegistered event) {
        users.apply(event.user().id(), event.version());
    }

    @EventListener
    void track(UserChanged event) {
        users.apply(event.user().id(), event.version());
    }

    @EventListener
    void track(UserDeleted event) {
        users.remove(event.userId());
    }

    /**
     * A deleted account loses its memberships; each project where it was the last accepted admin
     * is reported abandoned, and the projects module deletes it.
     */
    @FollowUp
    void on(UserDeleted event) {
        if (event.origin() != Origin.CORE) {
            return;
        }
        locks.lockAll(memberships.ofUser(event.userId()).stream().map(Membership::projectId)
                .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new)));
        for (Membership m : memberships.ofUser(event.userId())) {
            boolean lastAdmin = m.isAcceptedAdmin() && memberships.countAcceptedAdmins(m.projectId()) == 1;
            delete(m, Origin.CORE);
            if (lastAdmin) {
                events.publishEvent(new ProjectAbandoned(m.projectId()));
            }
        }
    }

    private void delete(Membership m, Origin origin) {
        memberships.delete(m.id());
        events.publishEvent(new MembershipRemoved(m.id(), m.projectId(), m.userId(), m.version() + 1, origin));
    }

    private Membership load(UUID id) {
        return memberships.find(id).orElseThrow(() -> ApiException.notFound("no membership " + id));
    }

    private void requireProject(UUID projectId, boolean lock) {
        if (!(lock ? locks.lock(projectId) : projects.exists(projectId))) {
            throw ApiException.notFound("no project " + projectId);
        }
    }

    private void requireMember(Caller caller, UUID projectId) {
        if (!memberships.find(projectId, caller.id()).map(Membership::isAccepted).orElse(false)) {
            throw ApiException.forbidden("you are not a member of project " + projectId);
        }
    }

    private void requireAdmin(Caller caller, UUID projectId) {
        Membership own = memberships.find(projectId, caller.id()).filter(Membership::isAccepted)
                .orElseThrow(() -> ApiException.forbidden("you are not a member of project " + projectId));
        if (!own.isAcceptedAdmin()) {
            throw ApiException.forbidden("only an admin of project " + projectId + " may do this");
        }
    }
}
