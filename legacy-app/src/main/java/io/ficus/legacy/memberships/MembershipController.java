package io.ficus.legacy.memberships;

import io.ficus.legacy.security.Caller;
import java.util.List;
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

/** Memberships and invitations. */
@RestController
class MembershipController {

    /** Body of {@code POST /api/projects/{id}/memberships}. */
    record Invite(UUID userId, Role role) {
    }

    private final MembershipService service;

    MembershipController(MembershipService service) {
        this.service = service;
    }

    @GetMapping("/api/projects/{id}/memberships")
    List<MembershipView> list(Caller caller, @PathVariable UUID id) {
        return service.list(caller, id.toString());
    }

    @PostMapping("/api/projects/{id}/memberships")
    @ResponseStatus(HttpStatus.CREATED)
    MembershipView invite(Caller caller, @PathVariable UUID id, @RequestBody Invite body) {
        return service.invite(caller, id.toString(), body.userId(), body.role());
    }

    @GetMapping("/api/users/me/memberships")
    List<MembershipView> mine(Caller caller) {
        return service.mine(caller);
    }

    @PatchMapping("/api/memberships/{id}")
    MembershipView update(Caller caller, @PathVariable UUID id, @RequestBody MembershipPatch body) {
        return service.update(caller, id.toString(), body);
    }

    @DeleteMapping("/api/memberships/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(Caller caller, @PathVariable UUID id) {
        service.delete(caller, id.toString());
    }
}
