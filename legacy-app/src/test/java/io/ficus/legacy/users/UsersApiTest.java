package io.ficus.legacy.users;

import static org.assertj.core.api.Assertions.assertThat;

import io.ficus.legacy.ApiTest;
import org.junit.jupiter.api.Test;

class UsersApiTest extends ApiTest {

    @Test
    void registrationCreatesDefaultProjectAdminMembershipAndThreePhases() {
        Account alice = newAccount();
        var projects = get("/api/projects", alice).expect(200).body();
        assertThat(projects.size()).isEqualTo(1);
        assertThat(projects.get(0).path("name").asString()).isEqualTo("Default project");
        assertThat(projects.get(0).path("description").isNull()).isTrue();
        String project = projects.get(0).path("id").asString();
        var phases = get("/api/projects/" + project + "/phases", alice).expect(200).body();
        assertThat(phases.size()).isEqualTo(3);
        assertThat(phases.get(0).path("name").asString()).isEqualTo("Backlog");
        assertThat(phases.get(1).path("name").asString()).isEqualTo("In progress");
        assertThat(phases.get(2).path("name").asString()).isEqualTo("Done");
        assertThat(phases.get(2).path("position").asInt()).isEqualTo(2);
        var memberships = get("/api/users/me/memberships", alice).expect(200).body();
        assertThat(memberships.get(0).path("role").asString()).isEqualTo("ADMIN");
        assertThat(memberships.get(0).path("state").asString()).isEqualTo("ACCEPTED");
        assertThat(jdbc.queryForObject("select USR_PWD_HASH from USR_USER where USR_ID = ?", String.class, alice.id())).startsWith("$2");
    }

    @Test
    void refusesDuplicateEmailIgnoringCase() {
        Account alice = newAccount();
        int before = count("select count(*) from USR_USER");
        post("/api/register", null, json.createObjectNode().put("name", "Copy").put("email", alice.email().toUpperCase())
                .put("password", "pw")).expectError(409);
        assertThat(count("select count(*) from USR_USER")).isEqualTo(before);
    }

    @Test
    void rejectsBadRegistrations() {
        int before = count("select count(*) from USR_USER");
        post("/api/register", null, "{\"name\":\"a\",\"email\":\"a@b\"}").expectError(400);
        post("/api/register", null, "{\"name\":\"a\",\"email\":\"not-an-email\",\"password\":\"pw\"}").expectError(400);
        post("/api/register", null, "{\"name\":\"" + "n".repeat(101) + "\",\"email\":\"x@y\",\"password\":\"pw\"}").expectError(400);
        post("/api/register", null, "{\"name\":\"a\",\"email\":\"x@y\",\"password\":\"pw\",\"admin\":true}").expectError(400);
        post("/api/register", null, "{not json").expectError(400);
        post("/api/register", null, "{\"name\":\"a\\u0000b\",\"email\":\"nul@x\",\"password\":\"pw\"}").expectError(400);
        post("/api/login", null, "{\"email\":\"a\\u0000b\",\"password\":\"pw\"}").expectError(400);
        assertThat(count("select count(*) from USR_USER")).isEqualTo(before);
    }

    @Test
    void logsInOnlyWithTheRightPassword() {
        Account alice = newAccount();
        var token = post("/api/login", null, json.createObjectNode().put("email", alice.email()).put("password", "secret-password"))
                .expect(200);
        assertThat(token.text("tokenType")).isEqualTo("Bearer");
        assertThat(token.body().path("expiresIn").asLong()).isEqualTo(86400);
        post("/api/login", null, json.createObjectNode().put("email", alice.email()).put("password", "wrong")).expectError(401);
        post("/api/login", null, json.createObjectNode().put("email", "nobody@example.com").put("password", "x")).expectError(401);
    }

    @Test
    void requiresAValidToken() {
        get("/api/users/me", null).expectError(401);
        call("GET", "/api/users/me", "not.a.token", null).expectError(401);
        Account alice = newAccount();
        String forged = alice.token().substring(0, alice.token().lastIndexOf('.') + 1) + "AAAA";
        call("GET", "/api/users/me", forged, null).expectError(401);
        var me = get("/api/users/me", alice).expect(200);
        assertThat(me.body().has("password")).isFalse();
        assertThat(me.text("email")).isEqualTo(alice.email());
    }

    @Test
    void findsUsersByIdAndEmail() {
        Account alice = newAccount();
        Account bob = newAccount();
        assertThat(get("/api/users/" + bob.id(), alice).expect(200).text("name")).isEqualTo(bob.name());
        assertThat(get("/api/users?email=" + bob.email(), alice).expect(200).id()).isEqualTo(bob.id());
        get("/api/users/00000000-0000-0000-0000-000000000000", alice).expectError(404);
        get("/api/users?email=nobody@example.com", alice).expectError(404);
        get("/api/users", alice).expectError(400);
        get("/api/users?email=a%00b", alice).expectError(400);
        get("/api/users/xyz", alice).expectError(400);
    }

    @Test
    void changesOnlyOwnAccount() {
        Account alice = newAccount();
        Account bob = newAccount();
        var changed = patch("/api/users/" + alice.id(), alice, json.createObjectNode().put("name", "Alice B.")).expect(200);
        assertThat(changed.text("name")).isEqualTo("Alice B.");
        patch("/api/users/" + bob.id(), alice, json.createObjectNode().put("name", "Hacked")).expectError(403);
        patch("/api/users/" + alice.id(), alice, json.createObjectNode().put("email", bob.email())).expectError(409);
        patch("/api/users/" + alice.id(), alice, json.createObjectNode().putNull("name")).expectError(400);
        assertThat(get("/api/users/" + bob.id(), alice).text("name")).isEqualTo(bob.name());
        patch("/api/users/" + alice.id(), alice, json.createObjectNode().put("password", "new-password")).expect(200);
        post("/api/login", null, json.createObjectNode().put("email", alice.email()).put("password", "new-password")).expect(200);
    }

    @Test
    void deletingUserCascadesThroughMembershipsAssigneesAndOrphanedProjects() {
        Account alice = newAccount();
        Account bob = newAccount();
        String aliceProject = defaultProject(alice);
        String bobProject = defaultProject(bob);
        addMember(bob, bobProject, alice, "ADMIN");
        addMember(alice, aliceProject, bob, "MEMBER");
        String shared = createTicket(bob, bobProject, "assigned to alice", alice.id(), bob.id());
        String aliceTicket = createTicket(alice, aliceProject, "in alice's project", alice.id());

        delete("/api/users/" + bob.id(), alice).expectError(403);
        delete("/api/users/" + alice.id(), alice).expect(204);

        assertThat(jdbc.queryForObject("select USR_DEL_FLG from USR_USER where USR_ID = ?", String.class, alice.id())).isEqualTo("Y");
        assertThat(count("select count(*) from PRJ_PROJECT where PRJ_ID = ?", aliceProject)).isZero();
        assertThat(count("select count(*) from PHS_PHASE where PRJ_ID = ?", aliceProject)).isZero();
        assertThat(count("select count(*) from MBR_MEMBERSHIP where PRJ_ID = ? or USR_ID = ?", aliceProject, alice.id())).isZero();
        assertThat(jdbc.queryForObject("select TKT_DEL_FLG from TKT_TICKET where TKT_ID = ?", String.class, aliceTicket)).isEqualTo("Y");
        assertThat(get("/api/tickets/" + shared, bob).expect(200).body().path("assigneeIds").toString()).isEqualTo("[\"" + bob.id() + "\"]");
        assertThat(count("select count(*) from PRJ_PROJECT where PRJ_ID = ?", bobProject)).isOne();
        get("/api/users/me", alice).expectError(401);
        get("/api/users/" + alice.id(), bob).expectError(404);
    }

    @Test
    void changingEmailRetiresTokensNamingTheOldOne() {
        Account alice = newAccount();
        String newEmail = "renamed-" + alice.email();
        patch("/api/users/" + alice.id(), alice, json.createObjectNode().put("email", newEmail)).expect(200);
        get("/api/users/me", alice).expectError(401);
        post("/api/login", null, json.createObjectNode().put("email", newEmail).put("password", "secret-password")).expect(200);
    }
}
