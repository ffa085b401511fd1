package io.ficus.core.memberships.web;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.ficus.contracts.MembershipRole;
import io.ficus.contracts.MembershipStatus;
import io.ficus.core.memberships.ChangeMembership;
import io.ficus.core.memberships.InviteMember;
import io.ficus.core.memberships.Membership;
import io.ficus.core.memberships.MembershipManagement;
import io.ficus.core.shared.Caller;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Memberships and invitations, as the legacy serves them. */
@RestController
class MembershipController {

    record Invite(UUID userId, MembershipRole role) {
    }

    @JsonPropertyOrder({"id", "projectId", "userId", "role", "state"})
    record MembershipView(UUID id, UUID projectId, UUID userId, MembershipRole role, MembershipStatus state) {
        static MembershipView of(Membership m) {
            return new MembershipView(m.id(), m.projectId(), m.userId(), m.role(), m.status());
        }
    }

    /** The body of {@code PATCH /api/memberships/{id}}. */
    static class MembershipPatch {
        final Set<String> present = new HashSet<>();
        MembershipStatus state;
        MembershipRole role;

        public void setState(MembershipStatus state) {
            present.add("state");
            this.state = state;
        }

        public void setRole(MembershipRole role) {
            present.add("role");
            this.role = role;
        }
    }

    private final MembershipManagement memberships;

    MembershipController(MembershipManagement memberships) {
        this.memberships = memberships;
    }

    @GetMapping("/api/projects/{id}/memberships")
    List<MembershipView> list(Caller caller, @PathVariable UUID id) {
        return memberships.list(caller, id).stream().map(MembershipView::of).toList();
    }

    @PostMapping("/api/projects/{id}/memberships")
    @ResponseStatus(HttpStatus.CREATED)
    MembershipView invite(Caller caller, @PathVariable UUID id, @RequestBody Invite body) {
        return MembershipView.of(memberships.invite(caller, new InviteMember(id, body.userId(), body.role())));
    }

    @GetMapping("/api/users/me/memberships")
    List<MembershipView> mine(Caller caller) {
        return memberships.mine(caller).stream().map(MembershipView::of).toList();
    }

    @PatchMapping("/api/memberships/{id}")
    MembershipView update(Caller caller, @PathVariable UUID id, @RequestBody MembershipPatch body) {
        return MembershipView.of(memberships.change(caller, new ChangeMembership(id, body.present, body.state, body.role)));
    }

    @DeleteMapping("/api/memberships/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(Caller caller, @PathVariable UUID id) {
        memberships.remove(caller, id);
    }
}
