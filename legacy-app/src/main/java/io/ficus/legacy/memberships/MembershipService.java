package io.ficus.legacy.memberships;

import io.ficus.legacy.projects.ProjectRepository;
import io.ficus.legacy.security.Caller;
import io.ficus.legacy.support.Timestamps;
import io.ficus.legacy.tickets.TicketRepository;
import io.ficus.legacy.users.UserRepository;
import io.ficus.support.web.ApiException;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Memberships: admins invite, invitees accept, admins change roles, admins or the member remove.
 * A project never loses its last accepted admin this way; a removed member is unassigned from
 * the project's tickets in the same transaction.
 */
@Service
public class MembershipService {

    private final MembershipRepository memberships;
    private final ProjectRepository projects;
    private final UserRepository users;
    private final TicketRepository tickets;
    private final ProjectAccess access;

    MembershipService(MembershipRepository memberships, ProjectRepository projects, UserRepository users,
                      TicketRepository tickets, ProjectAccess access) {
        this.memberships = memberships;
        this.projects = projects;
        this.users = users;
        this.tickets = tickets;
        this.access = access;
    }

    @Transactional(readOnly = true)
    public List<MembershipView> list(Caller caller, String projectId) {
        access.member(caller, projectId);
        return memberships.findByProjectIdOrderByCreatedAtAscIdAsc(projectId).stream().map(MembershipView::of).toList();
    }

    @Transactional(readOnly = true)
    public List<MembershipView> mine(Caller caller) {
        return memberships.findByUserIdOrderByCreatedAtAscIdAsc(caller.id()).stream().map(MembershipView::of).toList();
    }

    @Transactional
    public MembershipView invite(Caller caller, String projectId, UUID userId, Role role) {
        access.adminForUpdate(caller, projectId);
        if (userId == null) {
            throw ApiException.badRequest("'userId' must not be null");
        }
        if (role == null) {
            throw ApiException.badRequest("'role' must not be null");
        }
        String invitee = userId.toString();
        if (users.findLive(invitee).isEmpty()) {
            throw ApiException.badRequest("'userId' " + invitee + " is not a user");
        }
        if (memberships.findByProjectIdAndUserId(projectId, invitee).isPresent()) {
            throw ApiException.conflict("user " + invitee + " already has a membership in project " + projectId);
        }
        Membership membership = new Membership(UUID.randomUUID().toString(), projectId, invitee, role.code(), Membership.OPEN,
                Timestamps.now());
        memberships.saveAndFlush(membership);
        return MembershipView.of(membership);
    }

    @Transactional
    public MembershipView update(Caller caller, String id, MembershipPatch patch) {
        Membership membership = load(id);
        projects.findForUpdate(membership.getProjectId());
        boolean self = membership.getUserId().equals(caller.id());
        boolean admin = access.isAdmin(caller, membership.getProjectId());
        if (!self && !admin) {
            access.requireMember(caller, membership.getProjectId());
            throw ApiException.forbidden("only the invitee or an admin of the project may change this membership");
        }
        if (patch.has("state")) {
            if (patch.getState() != MembershipState.ACCEPTED) {
                throw ApiException.badRequest("'state' may only be set to ACCEPTED");
            }
            if (!self) {
                throw ApiException.forbidden("only the invitee may accept an invitation");
            }
        }
        if (patch.has("role")) {
            if (patch.getRole() == null) {
                throw ApiException.badRequest("'role' must not be null");
            }
            if (!admin) {
                throw ApiException.forbidden("only an admin of the project may change roles");
            }
            if (membership.isAcceptedAdmin() && patch.getRole() != Role.ADMIN
                    && memberships.countAcceptedAdmins(membership.getProjectId()) == 1) {
                throw ApiException.conflict("project " + membership.getProjectId() + " would be left without an admin");
            }
        }
        LocalDateTime now = Timestamps.now();
        if (patch.has("state") && !membership.isAccepted()) {
            membership.accept(now);
        }
        if (patch.has("role") && Role.of(membership.getRoleCode()) != patch.getRole()) {
            membership.changeRole(patch.getRole().code(), now);
        }
        memberships.flush();
        return MembershipView.of(membership);
    }

    @Transactional
    public void delete(Caller caller, String id) {
        Membership membership = load(id);
        projects.findForUpdate(membership.getProjectId());
        boolean self = membership.getUserId().equals(caller.id());
        if (!self) {
            access.requireAdmin(caller, membership.getProjectId());
        }
        if (membership.isAcceptedAdmin() && memberships.countAcceptedAdmins(membership.getProjectId()) == 1) {
            throw ApiException.conflict("membership " + id + " is the last admin of project " + membership.getProjectId());
        }
        memberships.delete(membership);
        memberships.flush();
        tickets.unassign(membership.getUserId(), membership.getProjectId(), Timestamps.now());
    }

    private Membership load(String id) {
        return memberships.findById(id).orElseThrow(() -> ApiException.notFound("no membership " + id));
    }
}
