package io.ficus.legacy.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import io.ficus.legacy.ApiTest;
import org.junit.jupiter.api.Test;

class TicketsApiTest extends ApiTest {

    @Test
    void createsTicketInFirstPhaseAndReadsItBack() {
        Account alice = newAccount();
        String project = defaultProject(alice);
        var phases = phases(alice, project);
        var created = post("/api/projects/" + project + "/tickets", alice, json.createObjectNode()
                .put("title", "Fix login").put("description", "it breaks").put("dueTime", "2030-01-02T03:04:05")
                .set("assigneeIds", json.createArrayNode().add(alice.id()))).expect(201);
        assertThat(created.text("phaseId")).isEqualTo(phases.get(0));
        assertThat(created.text("projectId")).isEqualTo(project);
        assertThat(created.text("dueTime")).isEqualTo("2030-01-02T03:04:05");
        assertThat(created.text("createdAt")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d");
        assertThat(created.body().path("assigneeIds").get(0).asString()).isEqualTo(alice.id());

        var read = get("/api/tickets/" + created.id(), alice).expect(200);
        assertThat(read.body()).isEqualTo(created.body());
        assertThat(get("/api/projects/" + project + "/phases", alice).body().get(0).path("ticketCount").asInt()).isEqualTo(1);
    }

    @Test
    void refusesTicketInProjectWithoutPhases() {
        Account alice = newAccount();
        String project = post("/api/projects", alice, json.createObjectNode().put("name", "Empty")).expect(201).id();
        post("/api/projects/" + project + "/tickets", alice, json.createObjectNode().put("title", "x")).expectError(409);
        assertThat(count("select count(*) from TKT_TICKET where PRJ_ID = ?", project)).isZero();
    }

    @Test
    void rejectsAssignmentToNonMember() {
        Account alice = newAccount();
        Account bob = newAccount();
        String project = defaultProject(alice);
        post("/api/projects/" + project + "/tickets", alice, json.createObjectNode().put("title", "x")
                .set("assigneeIds", json.createArrayNode().add(bob.id()))).expectError(400);
        assertThat(count("select count(*) from TKT_TICKET where PRJ_ID = ?", project)).isZero();
    }

    @Test
    void updatesTicketFieldsAndMovesItBetweenPhases() {
        Account alice = newAccount();
        Account bob = newAccount();
        String project = defaultProject(alice);
        addMember(alice, project, bob, "MEMBER");
        var phases = phases(alice, project);
        String ticket = createTicket(alice, project, "Old");
        var changed = patch("/api/tickets/" + ticket, bob, json.createObjectNode().put("title", "New")
                .put("phaseId", phases.get(2)).set("assigneeIds", json.createArrayNode().add(bob.id()).add(alice.id()))).expect(200);
        assertThat(changed.text("title")).isEqualTo("New");
        assertThat(changed.text("phaseId")).isEqualTo(phases.get(2));
        assertThat(changed.body().path("assigneeIds").toString()).isEqualTo("[\"" + bob.id() + "\",\"" + alice.id() + "\"]");
        assertThat(jdbc.queryForObject("select TKT_ASSIGNEES from TKT_TICKET where TKT_ID = ?", String.class, ticket))
                .isEqualTo(bob.id() + ";" + alice.id());
        var cleared = patch("/api/tickets/" + ticket, alice, json.createObjectNode().putNull("dueTime").putNull("description")
                .set("assigneeIds", json.createArrayNode())).expect(200);
        assertThat(cleared.body().path("assigneeIds").size()).isZero();
        assertThat(cleared.body().path("dueTime").isNull()).isTrue();
    }

    @Test
    void refusesPhaseOfAnotherProjectAndNonMemberAssignee() {
        Account alice = newAccount();
        Account bob = newAccount();
        String project = defaultProject(alice);
        String ticket = createTicket(alice, project, "T");
        String foreignPhase = phases(bob, defaultProject(bob)).get(0);
        patch("/api/tickets/" + ticket, alice, json.createObjectNode().put("phaseId", foreignPhase).put("title", "changed"))
                .expectError(400);
        patch("/api/tickets/" + ticket, alice, json.createObjectNode().set("assigneeIds", json.createArrayNode().add(bob.id())))
                .expectError(400);
        var unchanged = get("/api/tickets/" + ticket, alice).expect(200);
        assertThat(unchanged.text("title")).isEqualTo("T");
        assertThat(unchanged.body().path("assigneeIds").size()).isZero();
    }

    @Test
    void deletesTicketBySoftDeleteFlag() {
        Account alice = newAccount();
        String project = defaultProject(alice);
        String ticket = createTicket(alice, project, "Gone soon");
        delete("/api/tickets/" + ticket, alice).expect(204);
        get("/api/tickets/" + ticket, alice).expectError(404);
        delete("/api/tickets/" + ticket, alice).expectError(404);
        assertThat(jdbc.queryForObject("select TKT_DEL_FLG from TKT_TICKET where TKT_ID = ?", String.class, ticket)).isEqualTo("Y");
        assertThat(get("/api/projects/" + project + "/tickets", alice).body().size()).isZero();
    }

    @Test
    void filtersTicketsByPhaseAndAssigneeInCreationOrder() {
        Account alice = newAccount();
        Account bob = newAccount();
        String project = defaultProject(alice);
        addMember(alice, project, bob, "MEMBER");
        var phases = phases(alice, project);
        String first = createTicket(alice, project, "one", bob.id());
        String second = createTicket(alice, project, "two");
        String third = createTicket(alice, project, "three", alice.id(), bob.id());
        patch("/api/tickets/" + second, alice, json.createObjectNode().put("phaseId", phases.get(1))).expect(200);

        assertThat(ids(get("/api/projects/" + project + "/tickets", alice))).containsExactlyInAnyOrder(first, second, third);
        assertThat(ids(get("/api/projects/" + project + "/tickets?phaseId=" + phases.get(1), bob))).containsExactly(second);
        assertThat(ids(get("/api/projects/" + project + "/tickets?assigneeId=" + bob.id(), bob)))
                .containsExactlyInAnyOrder(first, third);
        assertThat(ids(get("/api/users/me/tickets", bob))).containsExactlyInAnyOrder(first, third);
        get("/api/projects/" + project + "/tickets?phaseId=nope", alice).expectError(400);
    }

    @Test
    void hidesTicketsFromNonMembers() {
        Account alice = newAccount();
        Account mallory = newAccount();
        String project = defaultProject(alice);
        String ticket = createTicket(alice, project, "secret");
        get("/api/tickets/" + ticket, mallory).expectError(403);
        patch("/api/tickets/" + ticket, mallory, json.createObjectNode().put("title", "pwned")).expectError(403);
        delete("/api/tickets/" + ticket, mallory).expectError(403);
        get("/api/projects/" + project + "/tickets", mallory).expectError(403);
        post("/api/projects/" + project + "/tickets", mallory, json.createObjectNode().put("title", "x")).expectError(403);
        get("/api/tickets/" + ticket, null).expectError(401);
        get("/api/tickets/00000000-0000-0000-0000-000000000000", alice).expectError(404);
        get("/api/tickets/not-a-uuid", alice).expectError(400);
        assertThat(get("/api/tickets/" + ticket, alice).text("title")).isEqualTo("secret");
    }

    @Test
    void rejectsBadTicketInput() {
        Account alice = newAccount();
        String project = defaultProject(alice);
        String path = "/api/projects/" + project + "/tickets";
        post(path, alice, "{\"title\": ").expectError(400);
        post(path, alice, "{\"title\": \"x\", \"colour\": \"red\"}").expectError(400);
        post(path, alice, "{\"title\": 42}").expectError(400);
        post(path, alice, "{\"title\": \"x\", \"dueTime\": \"tomorrow\"}").expectError(400);
        post(path, alice, "{\"title\": \"x\", \"assigneeIds\": [\"nope\"]}").expectError(400);
        post(path, alice, "{\"title\": \"x\", \"assigneeIds\": \"nope\"}").expectError(400);
        post(path, alice, "{\"description\": \"no title\"}").expectError(400);
        post(path, alice, json.createObjectNode().put("title", "x".repeat(201))).expectError(400);
        post(path, alice, "[]").expectError(400);
        post(path, alice, null).expectError(400);
        assertThat(count("select count(*) from TKT_TICKET where PRJ_ID = ?", project)).isZero();
    }

    @Test
    void dropsDuplicateAssigneesAndCapsTheirNumber() {
        Account alice = newAccount();
        String project = defaultProject(alice);
        var created = post("/api/projects/" + project + "/tickets", alice, json.createObjectNode().put("title", "dup")
                .set("assigneeIds", json.createArrayNode().add(alice.id()).add(alice.id()))).expect(201);
        assertThat(created.body().path("assigneeIds").size()).isOne();
        var many = json.createArrayNode();
        for (int i = 0; i < 101; i++) {
            many.add(java.util.UUID.randomUUID().toString());
        }
        post("/api/projects/" + project + "/tickets", alice, json.createObjectNode().put("title", "many").set("assigneeIds", many))
                .expectError(400);
        post("/api/projects/" + project + "/tickets", alice, json.createObjectNode().put("title", "long")
                .put("description", "d".repeat(4001))).expectError(400);
        assertThat(count("select count(*) from TKT_TICKET where PRJ_ID = ?", project)).isOne();
    }

    private static java.util.List<String> ids(Answer answer) {
        answer.expect(200);
        java.util.List<String> ids = new java.util.ArrayList<>();
        answer.body().forEach(t -> ids.add(t.path("id").asString()));
        return ids;
    }
}
