package io.ficus.legacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Walks every operation of the OpenAPI document with its success and refusal statuses; each
 * exchange is validated against the document by {@link ContractCheck}. Fails when the document
 * gains an operation this walk does not call.
 */
class OpenApiContractTest extends ApiTest {

    @Test
    void everyOperationAnswersAsDocumented() {
        Account alice = newAccount();
        Account bob = newAccount();
        get("/api/users/me", alice).expect(200);
        get("/api/users/" + bob.id(), alice).expect(200);
        get("/api/users?email=" + bob.email(), alice).expect(200);
        patch("/api/users/" + alice.id(), alice, json.createObjectNode().put("name", "Alice")).expect(200);

        String project = post("/api/projects", alice, json.createObjectNode().put("name", "Contract").put("description", "d"))
                .expect(201).id();
        get("/api/projects", alice).expect(200);
        get("/api/projects/" + project, alice).expect(200);
        patch("/api/projects/" + project, alice, json.createObjectNode().putNull("description")).expect(200);
        post("/api/projects/" + project + "/tickets", alice, json.createObjectNode().put("title", "no phase")).expectError(409);

        String todo = post("/api/projects/" + project + "/phases", alice, json.createObjectNode().put("name", "Todo").putNull("previousPhaseId"))
                .expect(201).id();
        String done = post("/api/projects/" + project + "/phases", alice, json.createObjectNode().put("name", "Done").put("previousPhaseId", todo))
                .expect(201).id();
        get("/api/projects/" + project + "/phases", alice).expect(200);
        patch("/api/phases/" + done, alice, json.createObjectNode().put("name", "Finished").putNull("previousPhaseId")).expect(200);

        String invitation = post("/api/projects/" + project + "/memberships", alice,
                json.createObjectNode().put("userId", bob.id()).put("role", "MEMBER")).expect(201).id();
        get("/api/users/me/memberships", bob).expect(200);
        patch("/api/memberships/" + invitation, bob, json.createObjectNode().put("state", "ACCEPTED")).expect(200);
        get("/api/projects/" + project + "/memberships", bob).expect(200);
        patch("/api/memberships/" + invitation, alice, json.createObjectNode().put("role", "ADMIN")).expect(200);

        var ticket = post("/api/projects/" + project + "/tickets", bob, json.createObjectNode().put("title", "Contract ticket")
                .put("description", "d").put("dueTime", "2031-05-06T07:08:09")
                .set("assigneeIds", json.createArrayNode().add(alice.id()).add(bob.id()))).expect(201);
        get("/api/tickets/" + ticket.id(), alice).expect(200);
        get("/api/projects/" + project + "/tickets?phaseId=" + done + "&assigneeId=" + bob.id(), alice).expect(200);
        get("/api/users/me/tickets", alice).expect(200);
        patch("/api/tickets/" + ticket.id(), alice, json.createObjectNode().put("phaseId", todo).putNull("dueTime")).expect(200);
        delete("/api/phases/" + todo, alice).expectError(409);
        delete("/api/tickets/" + ticket.id(), alice).expect(204);
        delete("/api/phases/" + todo, alice).expect(204);
        delete("/api/phases/" + done, alice).expectError(409);
        delete("/api/memberships/" + invitation, alice).expect(204);
        delete("/api/projects/" + project, alice).expect(204);
        delete("/api/users/" + bob.id(), bob).expect(204);
        post("/api/login", null, json.createObjectNode().put("email", bob.email()).put("password", "secret-password")).expectError(401);
        get("/api/projects/" + project, alice).expectError(404);
        get("/api/projects/not-a-uuid", alice).expectError(400);
        get("/api/projects", null).expectError(401);

        Set<String> seen = ContractCheck.seen();
        assertThat(seen).containsAll(ContractCheck.operations());
    }

    @Test
    void errorsOutsideTheDocumentStillUseTheErrorBody() {
        Account alice = newAccount();
        get("/api/nowhere", alice).expectError(404);
        call("PUT", "/api/projects", alice.token(), "{}").expectError(405);
        call("POST", "/api/register", null, null).expectError(400);
        call("POST", "/api/projects", alice.token(), "{\"name\": \"x\"} trailing").expectError(400);
        call("POST", "/api/projects", alice.token(), "{\"name\": \"x\"}", "text/plain").expectError(415);
    }
}
