package io.ficus.legacy.phases;

import static org.assertj.core.api.Assertions.assertThat;

import io.ficus.legacy.ApiTest;
import java.util.List;
import org.junit.jupiter.api.Test;

class PhasesApiTest extends ApiTest {

    @Test
    void insertsAfterPreviousPhaseOrFirst() {
        Account alice = newAccount();
        String project = defaultProject(alice);
        List<String> before = phases(alice, project);
        var review = post("/api/projects/" + project + "/phases", alice,
                json.createObjectNode().put("name", "Review").put("previousPhaseId", before.get(1))).expect(201);
        assertThat(review.body().path("position").asInt()).isEqualTo(2);
        assertThat(review.body().path("ticketCount").asInt()).isZero();
        String inbox = post("/api/projects/" + project + "/phases", alice, json.createObjectNode().put("name", "Inbox").putNull("previousPhaseId"))
                .expect(201).id();
        assertThat(phases(alice, project)).containsExactly(inbox, before.get(0), before.get(1), review.id(), before.get(2));
        assertPositionsContiguous(alice, project);
    }

    @Test
    void movesPhaseKeepingPositionsContiguous() {
        Account alice = newAccount();
        String project = defaultProject(alice);
        List<String> p = phases(alice, project);
        patch("/api/phases/" + p.get(0), alice, json.createObjectNode().put("previousPhaseId", p.get(2))).expect(200);
        assertThat(phases(alice, project)).containsExactly(p.get(1), p.get(2), p.get(0));
        var moved = patch("/api/phases/" + p.get(0), alice, json.createObjectNode().putNull("previousPhaseId").put("name", "Todo"))
                .expect(200);
        assertThat(moved.text("name")).isEqualTo("Todo");
        assertThat(moved.body().path("position").asInt()).isZero();
        assertThat(phases(alice, project)).containsExactly(p.get(0), p.get(1), p.get(2));
        patch("/api/phases/" + p.get(0), alice, json.createObjectNode().put("previousPhaseId", p.get(0))).expectError(400);
        patch("/api/phases/" + p.get(0), alice, json.createObjectNode().put("name", "Kept")).expect(200);
        assertThat(phases(alice, project)).containsExactly(p.get(0), p.get(1), p.get(2));
        assertPositionsContiguous(alice, project);
    }

    @Test
    void refusesDeletingPhaseWithTicketsOrLastPhase() {
        Account alice = newAccount();
        String project = defaultProject(alice);
        List<String> p = phases(alice, project);
        String ticket = createTicket(alice, project, "blocks");
        delete("/api/phases/" + p.get(0), alice).expectError(409);
        assertThat(phases(alice, project)).hasSize(3);
        delete("/api/phases/" + p.get(1), alice).expect(204);
        assertPositionsContiguous(alice, project);
        delete("/api/tickets/" + ticket, alice).expect(204);
        delete("/api/phases/" + p.get(0), alice).expect(204);
        delete("/api/phases/" + p.get(2), alice).expectError(409);
        assertThat(phases(alice, project)).containsExactly(p.get(2));
        delete("/api/phases/" + p.get(0), alice).expectError(404);
    }

    @Test
    void onlyAdminsChangePhases() {
        Account alice = newAccount();
        Account bob = newAccount();
        Account mallory = newAccount();
        String project = defaultProject(alice);
        addMember(alice, project, bob, "MEMBER");
        List<String> p = phases(bob, project);
        post("/api/projects/" + project + "/phases", bob, json.createObjectNode().put("name", "x")).expectError(403);
        patch("/api/phases/" + p.get(0), bob, json.createObjectNode().put("name", "x")).expectError(403);
        delete("/api/phases/" + p.get(1), bob).expectError(403);
        get("/api/projects/" + project + "/phases", mallory).expectError(403);
        String foreign = phases(mallory, defaultProject(mallory)).get(0);
        post("/api/projects/" + project + "/phases", alice, json.createObjectNode().put("name", "x").put("previousPhaseId", foreign))
                .expectError(400);
        post("/api/projects/" + project + "/phases", alice, json.createObjectNode().put("name", " ")).expectError(400);
        post("/api/projects/" + project + "/phases", alice, "{\"name\":\"x\",\"previousPhaseId\":\"bad\"}").expectError(400);
        assertThat(phases(alice, project)).isEqualTo(p);
    }

    @Test
    void concurrentInsertsKeepPositionsContiguous() throws Exception {
        Account alice = newAccount();
        String project = defaultProject(alice);
        String first = phases(alice, project).get(0);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            var answers = new java.util.ArrayList<java.util.concurrent.Future<Answer>>();
            for (int i = 0; i < 8; i++) {
                String name = "Parallel " + i;
                answers.add(pool.submit(() -> post("/api/projects/" + project + "/phases", alice,
                        json.createObjectNode().put("name", name).put("previousPhaseId", first))));
            }
            for (var answer : answers) {
                answer.get().expect(201);
            }
        } finally {
            pool.shutdown();
        }
        assertThat(phases(alice, project)).hasSize(11);
        assertPositionsContiguous(alice, project);
    }

    private void assertPositionsContiguous(Account who, String project) {
        var list = get("/api/projects/" + project + "/phases", who).expect(200).body();
        for (int i = 0; i < list.size(); i++) {
            assertThat(list.get(i).path("position").asInt()).isEqualTo(i);
        }
        assertThat(count("select count(*) from PHS_PHASE where PRJ_ID = ?", project)).isEqualTo(list.size());
    }
}
