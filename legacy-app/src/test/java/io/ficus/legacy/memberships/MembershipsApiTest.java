package io.ficus.legacy.memberships;

import static org.assertj.core.api.Assertions.assertThat;

import io.ficus.legacy.ApiTest;
import org.junit.jupiter.api.Test;

class MembershipsApiTest extends ApiTest {

    @Test
    void invitesAndAccepts() {
        Account alice = newAccount();
        Account bob = newAccount();
        String project = defaultProject(alice);
        var invite = post("/api/projects/" + project + "/memberships", alice,
                json.createObjectNode().put("userId", bob.id()).put("role", "MEMBER")).expect(201);
        assertThat(invite.text("state")).isEqualTo("OPEN");
        assertThat(invite.text("projectId")).isEqualTo(project);
        var mine = get("/api/users/me/memberships", bob).expect(200).body();
        assertThat(mine.size()).isEqualTo(2);
        mine.forEach(m -> assertThat(m.path("state").asString()).isEqualTo(m.path("id").asString().equals(invite.id()) ? "OPEN" : "ACCEPTED"));
        post("/api/projects/" + project + "/tickets", alice, json.createObjectNode().put("title", "x")
                .set("assigneeIds", json.createArrayNode().add(bob.id()))).expectError(400);
        patch("/api/memberships/" + invite.id(), alice, json.createObjectNode().put("state", "ACCEPTED")).expectError(403);
        patch("/api/memberships/" + invite.id(), bob, json.createObjectNode().put("state", "OPEN")).expectError(400);
        assertThat(patch("/api/memberships/" + invite.id(), bob, json.createObjectNode().put("state", "ACCEPTED")).expect(200)
                .text("state")).isEqualTo("ACCEPTED");
        assertThat(get("/api/projects/" + project + "/memberships", bob).expect(200).body().size()).isEqualTo(2);
        post("/api/projects/" + project + "/memberships", alice,
                json.createObjectNode().put("userId", bob.id()).put("role", "ADMIN")).expectError(409);
    }

    @Test
    void onlyAdminsInviteAndChangeRoles() {
        Account alice = newAccount();
        Account bob = newAccount();
        Account carol = newAccount();
        String project = defaultProject(alice);
        String bobs = addMember(alice, project, bob, "MEMBER");
        post("/api/projects/" + project + "/memberships", bob,
                json.createObjectNode().put("userId", carol.id()).put("role", "MEMBER")).expectError(403);
        patch("/api/memberships/" + bobs, bob, json.createObjectNode().put("role", "ADMIN")).expectError(403);
        get("/api/projects/" + project + "/memberships", carol).expectError(403);
        patch("/api/memberships/" + bobs, carol, json.createObjectNode().put("role", "ADMIN")).expectError(403);
        post("/api/projects/" + project + "/memberships", alice,
                json.createObjectNode().put("userId", carol.id()).put("role", "OWNER")).expectError(400);
        post("/api/projects/" + project + "/memberships", alice,
                json.createObjectNode().put("userId", "00000000-0000-0000-0000-000000000000").put("role", "MEMBER")).expectError(400);
        assertThat(patch("/api/memberships/" + bobs, alice, json.createObjectNode().put("role", "ADMIN")).expect(200).text("role"))
                .isEqualTo("ADMIN");
        assertThat(count("select count(*) from MBR_MEMBERSHIP where PRJ_ID = ?", project)).isEqualTo(2);
    }

    @Test
    void neverLeavesProjectWithoutAdmin() {
        Account alice = newAccount();
        Account bob = newAccount();
        String project = defaultProject(alice);
        String alices = get("/api/projects/" + project + "/memberships", alice).body().get(0).path("id").asString();
        patch("/api/memberships/" + alices, alice, json.createObjectNode().put("role", "MEMBER")).expectError(409);
        delete("/api/memberships/" + alices, alice).expectError(409);
        String bobs = addMember(alice, project, bob, "ADMIN");
        patch("/api/memberships/" + alices, alice, json.createObjectNode().put("role", "MEMBER")).expect(200);
        patch("/api/memberships/" + bobs, bob, json.createObjectNode().put("role", "MEMBER")).expectError(409);
        delete("/api/memberships/" + bobs, bob).expectError(409);
        assertThat(count("select count(*) from MBR_MEMBERSHIP where PRJ_ID = ? and MBR_ROLE_CD = 1", project)).isOne();
    }

    @Test
    void removingMemberUnassignsThemFromProjectTickets() {
        Account alice = newAccount();
        Account bob = newAccount();
        String project = defaultProject(alice);
        String bobs = addMember(alice, project, bob, "MEMBER");
        String ticket = createTicket(alice, project, "t", bob.id(), alice.id());
        String own = createTicket(bob, defaultProject(bob), "own", bob.id());
        delete("/api/memberships/" + bobs, bob).expect(204);
        assertThat(get("/api/tickets/" + ticket, alice).body().path("assigneeIds").toString()).isEqualTo("[\"" + alice.id() + "\"]");
        assertThat(get("/api/tickets/" + own, bob).body().path("assigneeIds").size()).isOne();
        get("/api/projects/" + project, bob).expectError(403);
        delete("/api/memberships/" + bobs, alice).expectError(404);
        String again = addMember(alice, project, bob, "MEMBER");
        delete("/api/memberships/" + again, alice).expect(204);
        assertThat(count("select count(*) from MBR_MEMBERSHIP where USR_ID = ? and PRJ_ID = ?", bob.id(), project)).isZero();
    }

    @Test
    void membersMayLeaveOrDeclineButNotRemoveOthers() {
        Account alice = newAccount();
        Account bob = newAccount();
        Account carol = newAccount();
        String project = defaultProject(alice);
        String bobs = addMember(alice, project, bob, "MEMBER");
        String carols = post("/api/projects/" + project + "/memberships", alice,
                json.createObjectNode().put("userId", carol.id()).put("role", "MEMBER")).expect(201).id();
        delete("/api/memberships/" + carols, bob).expectError(403);
        patch("/api/memberships/" + carols, bob, json.createObjectNode().put("role", "ADMIN")).expectError(403);
        assertThat(patch("/api/memberships/" + bobs, bob, "{}").expect(200).text("role")).isEqualTo("MEMBER");
        delete("/api/memberships/" + carols, carol).expect(204);
        delete("/api/memberships/" + bobs, bob).expect(204);
        delete("/api/memberships/not-a-uuid", bob).expectError(400);
        assertThat(count("select count(*) from MBR_MEMBERSHIP where PRJ_ID = ?", project)).isOne();
    }
}
