package io.ficus.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The public API's answers, rule by rule, as the legacy gives them. */
class ApiBehaviourTest extends CoreTest {

    @Test
    void registrationCreatesTheDefaultProjectWithAnAdminMembershipAndThreePhases() {
        Account a = newAccount();
        var projects = get("/api/projects", a).expect(200).body();
        assertThat(projects).hasSize(1);
        assertThat(projects.get(0).path("name").asString()).isEqualTo("Default project");
        assertThat(projects.get(0).path("description").isNull()).isTrue();
        assertThat(projects.get(0).path("createdAt").asString()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}");
        String project = projects.get(0).path("id").asString();
        var memberships = get("/api/projects/" + project + "/memberships", a).expect(200).body();
        assertThat(memberships.get(0).path("role").asString()).isEqualTo("ADMIN");
        assertThat(memberships.get(0).path("state").asString()).isEqualTo("ACCEPTED");
        var phases = get("/api/projects/" + project + "/phases", a).expect(200).body();
        assertThat(phases.findValuesAsString("name")).containsExactly("Backlog", "In progress", "Done");
        assertThat(get("/api/users/me", a).expect(200).raw()).isEqualTo(
                "{\"id\":\"" + a.id() + "\",\"name\":\"User\",\"email\":\"" + a.email() + "\"}");
    }

    @Test
    void refusesDuplicateEmailsBadCredentialsAndMissingOrBadTokens() {
        Account a = newAccount();
        post("/api/register", null, Map.of("name", "X", "email", a.email().toUpperCase(), "password", "secret-password"))
                .expectError(409, "email " + a.email().toUpperCase() + " is already registered");
        post("/api/login", null, Map.of("email", a.email(), "password", "wrong")).expectError(401, "invalid email or password");
        get("/api/users/me", null).expectError(401, "a bearer token is required");
        get("/api/users/me", new Account(a.id(), a.email(), "not.a.token")).expectError(401, "the bearer token is invalid or expired");
        get("/api/nowhere", null).expectError(401, "a bearer token is required");
    }

    @Test
    void refusesBadInputWithTheLegacyMessages() {
        Account a = newAccount();
        call("POST", "/api/projects", a.token(), "{\"name\":", Map.of()).expectError(400, "malformed JSON request body");
        call("POST", "/api/projects", a.token(), "{\"name\":\"x\",\"colour\":\"red\"}", Map.of()).expectError(400, "unknown field 'colour'");
        get("/api/projects/not-a-uuid", a).expectError(400, "'id' must be a UUID, not 'not-a-uuid'");
        post("/api/projects", a, Map.of("name", " ")).expectError(400, "'name' must not be blank");
        String project = defaultProject(a);
        call("POST", "/api/projects/" + project + "/memberships", a.token(), "{\"userId\":\"nope\",\"role\":\"ADMIN\"}", Map.of())
                .expectError(400, "'userId' has an invalid value 'nope', expected a UUID");
        call("POST", "/api/projects/" + project + "/memberships", a.token(), "{\"userId\":\"" + a.id() + "\",\"role\":\"BOSS\"}", Map.of())
                .expectError(400, "'role' has an invalid value 'BOSS', expected one of [ADMIN, MEMBER]");
        get("/api/users", a).expectError(400, "query parameter 'email' is required");
    }

    @Test
    void projectsAreVisibleToAcceptedMembersOnlyAndChangedByAdminsOnly() {
        Account a = newAccount();
        Account b = newAccount();
        String project = post("/api/projects", a, Map.of("name", "P", "description", "d")).expect(201).id();
        get("/api/projects/" + project, b).expectError(403, "you are not a member of project " + project);
        String missing = UUID.randomUUID().toString();
        get("/api/projects/" + missing, a).expectError(404, "no project " + missing);
        String invitation = post("/api/projects/" + project + "/memberships", a, Map.of("userId", b.id(), "role", "MEMBER")).expect(201).id();
        get("/api/projects/" + project, b).expect(403);
        assertThat(get("/api/users/me/memberships", b).body().findValuesAsString("state")).contains("OPEN");
        patch("/api/memberships/" + invitation, b, Map.of("state", "ACCEPTED")).expect(200);
        get("/api/projects/" + project, b).expect(200);
        patch("/api/projects/" + project, b, Map.of("name", "Q")).expectError(403, "only an admin of project " + project + " may do this");
        var description = new HashMap<String, Object>();
        description.put("description", null);
        assertThat(patch("/api/projects/" + project, a, description).expect(200).body().path("description").isNull()).isTrue();
        post("/api/projects/" + project + "/memberships", a, Map.of("userId", b.id(), "role", "MEMBER"))
                .expectError(409, "user " + b.id() + " already has a membership in project " + project);
        delete("/api/projects/" + project, a).expect(204);
        get("/api/projects/" + project, a).expect(404);
        assertThat(get("/api/projects", b).body()).hasSize(1);
    }

    @Test
    void aProjectNeverLosesItsLastAdmin() {
        Account a = newAccount();
        String project = defaultProject(a);
        String own = get("/api/projects/" + project + "/memberships", a).body().get(0).path("id").asString();
        patch("/api/memberships/" + own, a, Map.of("role", "MEMBER")).expectError(409, "project " + project + " would be left without an admin");
        delete("/api/memberships/" + own, a).expectError(409, "membership " + own + " is the last admin of project " + project);
        Account b = newAccount();
        String theirs = addMember(a, project, b, "ADMIN");
        delete("/api/memberships/" + own, a).expect(204);
        delete("/api/memberships/" + theirs, b).expect(409);
    }

    @Test
    void phasesStayContiguousAndRefuseDeletionWhileHoldingTicketsOrBeingTheLast() {
        Account a = newAccount();
        String project = post("/api/projects", a, Map.of("name", "P")).expect(201).id();
        post("/api/projects/" + project + "/tickets", a, Map.of("title", "t"))
                .expectError(409, "project " + project + " has no phase to put a ticket in");
        String first = post("/api/projects/" + project + "/phases", a, Map.of("name", "A")).expect(201).id();
        String second = post("/api/projects/" + project + "/phases", a, Map.of("name", "B", "previousPhaseId", first)).expect(201).id();
        String zeroth = post("/api/projects/" + project + "/phases", a, Map.of("name", "Z")).expect(201).id();
        assertThat(get("/api/projects/" + project + "/phases", a).body().findValuesAsString("name")).containsExactly("Z", "A", "B");
        var toEnd = patch("/api/phases/" + zeroth, a, Map.of("previousPhaseId", second)).expect(200).body();
        assertThat(toEnd.path("position").asInt()).isEqualTo(2);
        assertThat(get("/api/projects/" + project + "/phases", a).body().findValues("position").stream().map(n -> n.asInt()))
                .containsExactly(0, 1, 2);
        String ticket = createTicket(a, project, "in the first phase");
        assertThat(get("/api/tickets/" + ticket, a).body().path("phaseId").asString()).isEqualTo(first);
        assertThat(get("/api/projects/" + project + "/phases", a).body().get(0).path("ticketCount").asInt()).isEqualTo(1);
        delete("/api/phases/" + first, a).expectError(409, "phase " + first + " holds 1 ticket(s)");
        delete("/api/phases/" + second, a).expect(204);
        delete("/api/phases/" + zeroth, a).expect(204);
        delete("/api/tickets/" + ticket, a).expect(204);
        delete("/api/phases/" + first, a).expectError(409, "phase " + first + " is the project's last phase");
    }

    @Test
    void assigneesMustBeAcceptedMembersAndRemovedMembersAreUnassigned() {
        Account a = newAccount();
        Account b = newAccount();
        String project = defaultProject(a);
        post("/api/projects/" + project + "/tickets", a, Map.of("title", "t", "assigneeIds", List.of(b.id())))
                .expectError(400, "every assignee must be an accepted member of project " + project);
        String membership = addMember(a, project, b, "MEMBER");
        String ticket = createTicket(a, project, "t", b.id(), a.id(), b.id());
        assertThat(get("/api/tickets/" + ticket, b).body().path("assigneeIds").toString()).isEqualTo("[\"" + b.id() + "\",\"" + a.id() + "\"]");
        assertThat(get("/api/users/me/tickets", b).body()).hasSize(1);
        assertThat(get("/api/projects/" + project + "/tickets?assigneeId=" + b.id(), a).body()).hasSize(1);
        delete("/api/memberships/" + membership, a).expect(204);
        assertThat(get("/api/tickets/" + ticket, a).body().path("assigneeIds").toString()).isEqualTo("[\"" + a.id() + "\"]");
        get("/api/tickets/" + ticket, b).expectError(403, "you are not a member of project " + project);
    }

    @Test
    void deletingAUserRemovesMembershipsAssignmentsAndProjectsWhereTheyWereTheLastAdmin() {
        Account a = newAccount();
        Account b = newAccount();
        String own = defaultProject(b);
        String shared = defaultProject(a);
        addMember(a, shared, b, "MEMBER");
        String ticket = createTicket(a, shared, "t", b.id());
        createTicket(b, own, "gone with the project");
        delete("/api/users/" + b.id(), a).expectError(403, "you may only delete your own account");
        delete("/api/users/" + b.id(), b).expect(204);
        get("/api/users/" + b.id(), a).expectError(404, "no user " + b.id());
        get("/api/projects/" + own, a).expectError(404, "no project " + own);
        assertThat(get("/api/tickets/" + ticket, a).body().path("assigneeIds")).isEmpty();
        assertThat(get("/api/projects/" + shared + "/memberships", a).body()).hasSize(1);
        assertThat(count("select count(*) from tickets_ticket where project_id = ?", UUID.fromString(own))).isZero();
        assertThat(count("select count(*) from phases_phase where project_id = ?", UUID.fromString(own))).isZero();
    }
}
