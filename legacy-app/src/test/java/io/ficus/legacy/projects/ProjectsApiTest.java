package io.ficus.legacy.projects;

import static org.assertj.core.api.Assertions.assertThat;

import io.ficus.legacy.ApiTest;
import org.junit.jupiter.api.Test;

class ProjectsApiTest extends ApiTest {

    @Test
    void createsProjectWithCallerAsAdminAndNoPhases() {
        Account alice = newAccount();
        var created = post("/api/projects", alice, json.createObjectNode().put("name", "Apollo").put("description", "to the moon"))
                .expect(201);
        assertThat(created.text("name")).isEqualTo("Apollo");
        assertThat(created.text("createdAt")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d");
        assertThat(get("/api/projects/" + created.id() + "/phases", alice).expect(200).body().size()).isZero();
        var members = get("/api/projects/" + created.id() + "/memberships", alice).expect(200).body();
        assertThat(members.get(0).path("role").asString()).isEqualTo("ADMIN");
        var list = get("/api/projects", alice).expect(200).body();
        assertThat(list.size()).isEqualTo(2);
        assertThat(java.util.List.of(list.get(0).path("id").asString(), list.get(1).path("id").asString()))
                .containsExactlyInAnyOrder(created.id(), alice.project());
    }

    @Test
    void listsOnlyAcceptedMemberships() {
        Account alice = newAccount();
        Account bob = newAccount();
        String project = defaultProject(alice);
        post("/api/projects/" + project + "/memberships", alice, json.createObjectNode().put("userId", bob.id()).put("role", "MEMBER"))
                .expect(201);
        assertThat(get("/api/projects", bob).body().size()).isOne();
        get("/api/projects/" + project, bob).expectError(403);
    }

    @Test
    void onlyAdminsChangeOrDeleteProjects() {
        Account alice = newAccount();
        Account bob = newAccount();
        Account mallory = newAccount();
        String project = defaultProject(alice);
        addMember(alice, project, bob, "MEMBER");
        assertThat(get("/api/projects/" + project, bob).expect(200).text("name")).isEqualTo("Default project");
        patch("/api/projects/" + project, bob, json.createObjectNode().put("name", "mine")).expectError(403);
        patch("/api/projects/" + project, mallory, json.createObjectNode().put("name", "mine")).expectError(403);
        delete("/api/projects/" + project, bob).expectError(403);
        get("/api/projects/" + project, mallory).expectError(403);
        get("/api/projects/00000000-0000-0000-0000-000000000000", alice).expectError(404);
        get("/api/projects/123", alice).expectError(400);
        var changed = patch("/api/projects/" + project, alice, json.createObjectNode().put("name", "Renamed").put("description", "d"))
                .expect(200);
        assertThat(changed.text("name")).isEqualTo("Renamed");
        assertThat(patch("/api/projects/" + project, alice, json.createObjectNode().putNull("description")).expect(200)
                .body().path("description").isNull()).isTrue();
        patch("/api/projects/" + project, alice, json.createObjectNode().put("name", "")).expectError(400);
        patch("/api/projects/" + project, alice, json.createObjectNode().put("description", "d".repeat(1001))).expectError(400);
        assertThat(get("/api/projects/" + project, alice).text("name")).isEqualTo("Renamed");
    }

    @Test
    void deletingProjectRemovesPhasesMembershipsAndTickets() {
        Account alice = newAccount();
        Account bob = newAccount();
        String project = defaultProject(alice);
        addMember(alice, project, bob, "MEMBER");
        String ticket = createTicket(alice, project, "t", bob.id());
        delete("/api/projects/" + project, alice).expect(204);
        get("/api/projects/" + project, alice).expectError(404);
        get("/api/tickets/" + ticket, alice).expectError(404);
        assertThat(count("select count(*) from PHS_PHASE where PRJ_ID = ?", project)).isZero();
        assertThat(count("select count(*) from MBR_MEMBERSHIP where PRJ_ID = ?", project)).isZero();
        assertThat(jdbc.queryForObject("select TKT_DEL_FLG from TKT_TICKET where TKT_ID = ?", String.class, ticket)).isEqualTo("Y");
        assertThat(get("/api/users/me/tickets", bob).body().size()).isZero();
    }

    @Test
    void rejectsBadProjectInput() {
        Account alice = newAccount();
        post("/api/projects", alice, "{}").expectError(400);
        post("/api/projects", alice, "{\"name\": \"" + "p".repeat(101) + "\"}").expectError(400);
        post("/api/projects", alice, "{\"name\": [\"x\"]}").expectError(400);
        post("/api/projects", alice, "{\"name\": \"x\", \"owner\": \"me\"}").expectError(400);
        call("POST", "/api/projects", alice.token(), null).expectError(400);
        assertThat(get("/api/projects", alice).body().size()).isOne();
    }
}
