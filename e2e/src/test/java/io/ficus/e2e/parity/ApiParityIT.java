package io.ficus.e2e.parity;

import static org.assertj.core.api.Assertions.assertThat;

import io.ficus.sandbox.App;
import io.ficus.sandbox.Stack;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * The same scenarios, request for request, against the legacy app and the new core, both real
 * and over HTTP, without sync between them; every answer must be identical after normalising
 * generated ids, timestamps and tokens. Lists are compared as multisets except phase lists
 * (ordered by position): items created within the same second are ordered by their random ids on
 * both sides, which no two runs share. Every exchange of both applications must also match the
 * OpenAPI document of the API (see {@link ContractValidation}).
 */
class ApiParityIT {

    private static final Logger log = LoggerFactory.getLogger(ApiParityIT.class);
    private static Stack stack;
    private static int scenarios;
    private static int requests;

    @BeforeAll
    static void start() {
        stack = ParityStack.get();
    }

    @AfterAll
    static void summary() {
        log.info("Parity suite: {} scenarios, {} requests per application, {} exchanges checked against {}",
                scenarios, requests, ContractValidation.checked.get(), ContractValidation.DOCUMENT);
    }

    static Map<String, Object> body(Object... pairs) {
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    private void assertParity(Consumer<Session> scenario) {
        String runId = UUID.randomUUID().toString().substring(0, 8);
        Session legacy = new Session(stack.config().url(App.LEGACY_APP), runId);
        Session core = new Session(stack.config().url(App.NEW_CORE), runId);
        scenario.accept(legacy);
        scenario.accept(core);
        assertThat(core.exchanges()).hasSameSizeAs(legacy.exchanges());
        Normalizer legacyIds = new Normalizer();
        Normalizer coreIds = new Normalizer();
        List<String> differences = new ArrayList<>();
        for (int i = 0; i < legacy.exchanges().size(); i++) {
            var l = legacy.exchanges().get(i);
            var c = core.exchanges().get(i);
            String request = legacyIds.normalize(l.request());
            coreIds.normalize(c.request());
            String lb = comparable(legacyIds.normalize(l.body()), l.request());
            String cb = comparable(coreIds.normalize(c.body()), c.request());
            if (l.status() != c.status() || !lb.equals(cb)) {
                differences.add(l.label() + " (" + request + "):\n  legacy " + l.status() + " " + lb + "\n  core   " + c.status() + " " + cb);
            }
        }
        scenarios++;
        requests += legacy.exchanges().size();
        List<String> violations = new ArrayList<>(ContractValidation.violations("legacy", legacy.exchanges()));
        violations.addAll(ContractValidation.violations("core", core.exchanges()));
        SoftAssertions.assertSoftly(softly -> {
            softly.assertThat(differences).as("differences between legacy and core").isEmpty();
            softly.assertThat(String.join("\n", violations)).as("exchanges violating " + ContractValidation.DOCUMENT).isEmpty();
        });
    }

    private static String comparable(String body, String request) {
        if (body == null || !body.startsWith("[") || request.endsWith("/phases")) {
            return body == null ? "" : body;
        }
        JsonNode array = Session.json.readTree(body);
        List<String> items = new ArrayList<>();
        array.forEach(item -> items.add(item.toString()));
        items.sort(null);
        return "sorted" + items;
    }

    @Test
    void accountsAndUsers() {
        assertParity(s -> {
            String email = "ann-" + s.runId + "@example.com";
            String token = s.account("ann", "Ann", email);
            String me = s.get("me", "/api/users/me").id();
            s.as(null);
            s.post("register again", "/api/register", body("name", "Ann", "email", email.toUpperCase(), "password", "secret-password"));
            s.post("register bad email", "/api/register", body("name", "Ann", "email", "nope", "password", "secret-password"));
            s.post("register blank name", "/api/register", body("name", " ", "email", "x-" + email, "password", "secret-password"));
            s.post("register long password", "/api/register", body("name", "A", "email", "y-" + email, "password", "p".repeat(73)));
            s.post("register missing body", "/api/register", null);
            s.post("register malformed", "/api/register", "{\"name\":");
            s.post("register unknown field", "/api/register", "{\"name\":\"A\",\"nick\":\"a\"}");
            s.post("register wrong type", "/api/register", "{\"name\":5}");
            s.post("login wrong password", "/api/login", body("email", email, "password", "wrong"));
            s.post("login missing password", "/api/login", body("email", email));
            s.get("no token", "/api/users/me");
            s.as("garbage").get("bad token", "/api/users/me");
            s.as(token);
            s.get("user by id", "/api/users/" + me);
            s.get("user by email", "/api/users?email=" + email);
            s.get("user by unknown email", "/api/users?email=nobody-" + email);
            s.get("users without email", "/api/users");
            s.get("unknown user", "/api/users/" + UUID.nameUUIDFromBytes(s.runId.getBytes()));
            s.get("invalid uuid", "/api/users/not-a-uuid");
            s.patch("rename self", "/api/users/" + me, body("name", "Annie"));
            s.patch("null name", "/api/users/" + me, body("name", null));
            String other = "bob-" + s.runId + "@example.com";
            s.as(null).post("register bob", "/api/register", body("name", "Bob", "email", other, "password", "secret-password"));
            String bob = s.as(token).get("bob by email", "/api/users?email=" + other).id();
            s.patch("rename other", "/api/users/" + bob, body("name", "X"));
            s.patch("take bob's email", "/api/users/" + me, body("email", other));
            s.delete("delete other", "/api/users/" + bob);
            s.get("unknown route", "/api/nothing-here");
            s.post("wrong method", "/api/users/me", body());
        });
    }

    @Test
    void projects() {
        assertParity(s -> {
            s.account("owner", "Olga", "olga-" + s.runId + "@example.com");
            String token = s.get("me", "/api/users/me").id();
            s.get("default project", "/api/projects");
            String p = s.post("create", "/api/projects", body("name", "Apollo", "description", "moon")).id();
            s.post("create blank", "/api/projects", body("name", ""));
            s.post("create long description", "/api/projects", body("name", "X", "description", "d".repeat(1001)));
            s.get("get", "/api/projects/" + p);
            s.get("unknown", "/api/projects/" + UUID.nameUUIDFromBytes(s.runId.getBytes()));
            s.patch("rename", "/api/projects/" + p, body("name", "Artemis"));
            s.patch("clear description", "/api/projects/" + p, body("description", null));
            s.patch("unknown field", "/api/projects/" + p, body("colour", "red"));
            s.get("list", "/api/projects");
            s.account("stranger", "Sam", "sam-" + s.runId + "@example.com");
            s.get("stranger gets", "/api/projects/" + p);
            s.patch("stranger renames", "/api/projects/" + p, body("name", "Mine"));
            s.delete("stranger deletes", "/api/projects/" + p);
            s.as(s.post("owner login", "/api/login", body("email", "olga-" + s.runId + "@example.com", "password", "secret-password"))
                    .text("token"));
            s.delete("delete", "/api/projects/" + p);
            s.get("get deleted", "/api/projects/" + p);
            s.get("list after delete", "/api/projects");
            assertThat(token).isNotBlank();
        });
    }

    @Test
    void membershipsAndInvitations() {
        assertParity(s -> {
            String bobEmail = "bob-" + s.runId + "@example.com";
            String bobToken = s.account("bob", "Bob", bobEmail);
            String bob = s.get("bob", "/api/users/me").id();
            String adaToken = s.account("ada", "Ada", "ada-" + s.runId + "@example.com");
            String p = s.get("projects", "/api/projects").json().get(0).path("id").asString();
            String own = s.get("memberships before", "/api/projects/" + p + "/memberships").json().get(0).path("id").asString();
            String m = s.post("invite", "/api/projects/" + p + "/memberships", body("userId", bob, "role", "MEMBER")).id();
            s.post("invite again", "/api/projects/" + p + "/memberships", body("userId", bob, "role", "ADMIN"));
            s.post("invite nobody", "/api/projects/" + p + "/memberships", body("userId", UUID.nameUUIDFromBytes(s.runId.getBytes()), "role", "MEMBER"));
            s.post("invite bad role", "/api/projects/" + p + "/memberships", body("userId", bob, "role", "OWNER"));
            s.post("invite without role", "/api/projects/" + p + "/memberships", body("userId", bob));
            s.post("invite bad uuid", "/api/projects/" + p + "/memberships", body("userId", "x", "role", "MEMBER"));
            s.get("list", "/api/projects/" + p + "/memberships");
            s.patch("admin accepts for bob", "/api/memberships/" + m, body("state", "ACCEPTED"));
            s.as(bobToken);
            s.get("bob's memberships", "/api/users/me/memberships");
            s.get("invitee cannot see project yet", "/api/projects/" + p);
            s.patch("bob sets OPEN", "/api/memberships/" + m, body("state", "OPEN"));
            s.patch("bob accepts", "/api/memberships/" + m, body("state", "ACCEPTED"));
            s.patch("bob promotes himself", "/api/memberships/" + m, body("role", "ADMIN"));
            s.get("bob sees project", "/api/projects/" + p);
            s.delete("bob removes ada", "/api/memberships/" + own);
            s.as(adaToken);
            s.patch("ada demotes herself", "/api/memberships/" + own, body("role", "MEMBER"));
            s.delete("ada leaves", "/api/memberships/" + own);
            s.patch("ada promotes bob", "/api/memberships/" + m, body("role", "ADMIN"));
            s.patch("ada demotes herself now", "/api/memberships/" + own, body("role", "MEMBER"));
            s.patch("null role", "/api/memberships/" + m, body("role", null));
            s.get("unknown membership", "/api/memberships/" + UUID.nameUUIDFromBytes(s.runId.getBytes()));
            s.patch("unknown membership patch", "/api/memberships/" + UUID.nameUUIDFromBytes(s.runId.getBytes()), body("role", "ADMIN"));
            s.as(bobToken);
            s.delete("bob removes ada", "/api/memberships/" + own);
            s.get("list at the end", "/api/projects/" + p + "/memberships");
        });
    }

    @Test
    void phasesAndTickets() {
        assertParity(s -> {
            String adaToken = s.account("ada", "Ada", "ada-" + s.runId + "@example.com");
            String ada = s.get("ada", "/api/users/me").id();
            String bobToken = s.account("bob", "Bob", "bob-" + s.runId + "@example.com");
            String bob = s.get("bob", "/api/users/me").id();
            s.as(adaToken);
            String p = s.post("project", "/api/projects", body("name", "Board")).id();
            s.post("ticket without phases", "/api/projects/" + p + "/tickets", body("title", "t"));
            String a = s.post("phase A", "/api/projects/" + p + "/phases", body("name", "A")).id();
            String b = s.post("phase B after A", "/api/projects/" + p + "/phases", body("name", "B", "previousPhaseId", a)).id();
            String z = s.post("phase Z first", "/api/projects/" + p + "/phases", body("name", "Z", "previousPhaseId", null)).id();
            s.post("phase after unknown", "/api/projects/" + p + "/phases", body("name", "Q", "previousPhaseId", UUID.nameUUIDFromBytes(s.runId.getBytes())));
            s.post("phase blank", "/api/projects/" + p + "/phases", body("name", " "));
            s.get("phases", "/api/projects/" + p + "/phases");
            s.patch("move Z last", "/api/phases/" + z, body("previousPhaseId", b));
            s.patch("move Z after itself", "/api/phases/" + z, body("previousPhaseId", z));
            s.patch("rename A", "/api/phases/" + a, body("name", "Alpha"));
            s.patch("move B first", "/api/phases/" + b, body("previousPhaseId", null));
            s.get("phases after moves", "/api/projects/" + p + "/phases");
            s.post("ticket with stranger", "/api/projects/" + p + "/tickets", body("title", "t", "assigneeIds", List.of(bob)));
            String m = s.post("invite bob", "/api/projects/" + p + "/memberships", body("userId", bob, "role", "MEMBER")).id();
            s.post("ticket with invitee", "/api/projects/" + p + "/tickets", body("title", "t", "assigneeIds", List.of(bob)));
            s.as(bobToken).patch("bob accepts", "/api/memberships/" + m, body("state", "ACCEPTED"));
            s.as(adaToken);
            String t = s.post("ticket", "/api/projects/" + p + "/tickets", body("title", "Fix", "description", "now",
                    "dueTime", "2026-12-24T18:00:00", "assigneeIds", List.of(bob, ada, bob))).id();
            s.post("ticket blank title", "/api/projects/" + p + "/tickets", body("title", ""));
            s.post("ticket bad due time", "/api/projects/" + p + "/tickets", body("title", "x", "dueTime", "tomorrow"));
            s.post("ticket null assignee", "/api/projects/" + p + "/tickets", "{\"title\":\"x\",\"assigneeIds\":[null]}");
            s.get("ticket", "/api/tickets/" + t);
            s.get("phases with count", "/api/projects/" + p + "/phases");
            s.delete("delete phase with ticket", "/api/phases/" + b);
            s.patch("move ticket", "/api/tickets/" + t, body("phaseId", a));
            s.patch("move ticket to foreign phase", "/api/tickets/" + t, body("phaseId", UUID.nameUUIDFromBytes(s.runId.getBytes())));
            s.patch("null phase", "/api/tickets/" + t, body("phaseId", null));
            s.patch("clear due time", "/api/tickets/" + t, body("dueTime", null, "title", "Fixed"));
            s.get("list", "/api/projects/" + p + "/tickets");
            s.get("list by phase", "/api/projects/" + p + "/tickets?phaseId=" + a);
            s.get("list by assignee", "/api/projects/" + p + "/tickets?assigneeId=" + bob);
            s.get("list bad filter", "/api/projects/" + p + "/tickets?phaseId=x");
            s.as(bobToken).get("bob's tickets", "/api/users/me/tickets");
            s.as(adaToken).delete("remove bob", "/api/memberships/" + m);
            s.get("ticket after removal", "/api/tickets/" + t);
            s.as(bobToken).get("bob reads ticket", "/api/tickets/" + t);
            s.get("bob's tickets after removal", "/api/users/me/tickets");
            s.as(adaToken).delete("delete phase Z", "/api/phases/" + z);
            s.delete("delete phase B", "/api/phases/" + b);
            s.delete("delete last phase", "/api/phases/" + a);
            s.delete("delete ticket", "/api/tickets/" + t);
            s.get("deleted ticket", "/api/tickets/" + t);
            s.delete("delete last phase again", "/api/phases/" + a);
            s.get("phases at the end", "/api/projects/" + p + "/phases");
        });
    }

    @Test
    void deletingAnAccountCascadesBeforeTheNextRead() {
        assertParity(s -> {
            String adaToken = s.account("ada", "Ada", "ada-" + s.runId + "@example.com");
            String bobToken = s.account("bob", "Bob", "bob-" + s.runId + "@example.com");
            String bob = s.get("bob", "/api/users/me").id();
            String bobsProject = s.get("bob's project", "/api/projects").json().get(0).path("id").asString();
            String bobsTicket = s.post("bob's ticket", "/api/projects/" + bobsProject + "/tickets", body("title", "mine")).id();
            s.as(adaToken);
            String p = s.get("ada's project", "/api/projects").json().get(0).path("id").asString();
            String m = s.post("invite bob", "/api/projects/" + p + "/memberships", body("userId", bob, "role", "MEMBER")).id();
            s.as(bobToken).patch("accept", "/api/memberships/" + m, body("state", "ACCEPTED"));
            s.as(adaToken);
            String t = s.post("ticket for bob", "/api/projects/" + p + "/tickets", body("title", "yours", "assigneeIds", List.of(bob))).id();
            s.as(bobToken).delete("bob deletes himself", "/api/users/" + bob);
            s.get("bob's token no longer works", "/api/users/me");
            s.as(adaToken);
            s.get("bob is gone", "/api/users/" + bob);
            s.get("ticket unassigned", "/api/tickets/" + t);
            s.get("memberships", "/api/projects/" + p + "/memberships");
            s.get("bob's project is gone", "/api/projects/" + bobsProject);
            s.get("bob's ticket is gone", "/api/tickets/" + bobsTicket);
            s.get("bob's project phases", "/api/projects/" + bobsProject + "/phases");
        });
    }
}
