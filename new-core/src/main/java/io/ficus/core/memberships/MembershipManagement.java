package io.ficus.core.memberships;

import io.ficus.core.projects.ProjectLocks;
import io.ficus.support.web.ApiException;
import io.ficus.core.shared.Caller;
import io.ficus.core.shared.IdTable;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The membership use cases: each one transaction on one membership, under its project's lock. */
@Service
public class MembershipManagement {

    private final MembershipRepository memberships;
    private final IdTable projects;
    private final IdTable users;
    private final ProjectLocks locks;
    private final MembershipRules rules;

    MembershipManagement(MembershipRepository memberships, ProjectLocks locks, JdbcClient jdbc) {
        this.memberships = memberships;
        this.locks = locks;
        this.projects = new IdTable(jdbc, "memberships_project");
        this.users = new IdTable(jdbc, "memberships_user");
        this.rules = new MembershipRules() {
            @Override
            public boolean isUser(UUID userId) {
                return users.exists(userId);
            }

            @Override
            public boolean hasMembership(UUID projectId, UUID userId) {
                return memberships.find(projectId, userId).isPresent();
            }

            @Override
            public long acceptedAdmins(UUID projectId) {
                return memberships.countAcceptedAdmins(projectId);
            }
        };
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
        return memberships.save(Membership.invite(command, rules));
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
        membership.change(command, self, admin, rules);
        return memberships.save(membership);
    }

    /** Removes the membership; the tickets module unassigns the user from the project's tickets. */
    @Transactional
    public void remove(Caller caller, UUID id) {
        locks.lock(load(id).projectId());
        Membership membership = load(id);
        if (!membership.userId().equals(caller.id())) {
            requireAdmin(caller, membership.projectId());
        }
        membership.remove(rules);
        memberships.save(membership);
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
