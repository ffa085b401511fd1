package io.ficus.testkit.races;

import static org.assertj.core.api.Assertions.assertThat;

import io.ficus.testkit.TestHttp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Every rule that spans aggregates holds under concurrent requests, not only in sequence, with the legacy's answers:
 * each round starts two or three conflicting requests at the same instant (a barrier), and after all rounds the
 * application's database is checked for the rule. One body for both applications: legacy-app's
 * {@code CrossAggregateRaceTest} (the reference, which serialises on the project's row) and the new core's implement
 * this interface, saying where the application listens and how to count in its own schema.
 */
public interface CrossAggregateRaces {

    int ROUNDS = 50;

    /** A client of the application under test, without credentials. */
    TestHttp http();

    /** Tickets of the project whose phase no longer exists. */
    long ticketsInMissingPhases(String projectId);

    /** Assignees of the project's tickets who are not accepted members of it. */
    long assigneesWhoAreNotMembers(String projectId);

    /** Tickets, phases and memberships left in these projects (by id), each counted. */
    long ticketsOf(String[] projectIds);

    long phasesOf(String[] projectIds);

    long membershipsOf(String[] projectIds);

    /** Those of these projects (by id) that have no accepted admin. */
    long projectsWithoutAnAdmin(String[] projectIds);

    /** A registered, logged-in user. */
    record Racer(String id, String token) {
    }

    @Test
    default void aPhaseWithTicketsIsNeverDeletedAndATicketNeverLandsInADeletedPhase() {
        Racer admin = newRacer();
        String project = created(as(admin).post("/api/projects", Map.of("name", "board")));
        String backlog = created(as(admin).post("/api/projects/" + project + "/phases", Map.of("name", "backlog")));
        String moving = createTicket(admin, project, "moving");
        Map<String, Integer> outcomes = new TreeMap<>();
        for (int round = 0; round < ROUNDS; round++) {
            int i = round;
            String first = created(as(admin).post("/api/projects/" + project + "/phases", Map.of("name", "first " + i)));
            List<Integer> created = race(
                    () -> as(admin).post("/api/projects/" + project + "/tickets", Map.of("title", "t" + i)).status(),
                    () -> as(admin).delete("/api/phases/" + first).status());
            outcomes.merge("create " + created.get(0) + ", delete " + created.get(1), 1, Integer::sum);
            String second = created(as(admin).post("/api/projects/" + project + "/phases", Map.of("name", "target " + i)));
            assertThat(as(admin).patch("/api/tickets/" + moving, Map.of("phaseId", backlog)).status()).isEqualTo(200);
            List<Integer> moved = race(
                    () -> as(admin).patch("/api/tickets/" + moving, Map.of("phaseId", second)).status(),
                    () -> as(admin).delete("/api/phases/" + second).status());
            outcomes.merge("move " + moved.get(0) + ", delete " + moved.get(1), 1, Integer::sum);
        }
        System.out.println("delete phase vs create/move ticket: " + outcomes);
        assertThat(ticketsInMissingPhases(project)).as("tickets in a phase that no longer exists").isZero();
        assertThat(outcomes.keySet()).allMatch(o -> o.matches("create 201, delete (204|409)|move (200|400), delete (204|409)"));
    }

    @Test
    default void anAssigneeWhoIsNoLongerAMemberIsNeverKept() {
        Racer admin = newRacer();
        String project = created(as(admin).post("/api/projects", Map.of("name", "team")));
        created(as(admin).post("/api/projects/" + project + "/phases", Map.of("name", "backlog")));
        String ticket = createTicket(admin, project, "shared");
        List<Racer> members = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            members.add(newRacer());
        }
        Map<String, Integer> outcomes = new TreeMap<>();
        for (int i = 0; i < ROUNDS * 2; i++) {
            Racer member = members.get(i % members.size());
            String membership = addMember(admin, project, member, "MEMBER");
            List<Integer> answers = race(
                    () -> as(admin).patch("/api/tickets/" + ticket, Map.of("assigneeIds", List.of(member.id()))).status(),
                    () -> as(admin).delete("/api/memberships/" + membership).status());
            outcomes.merge("assign " + answers.get(0) + ", remove " + answers.get(1), 1, Integer::sum);
        }
        System.out.println("remove member vs assign ticket: " + outcomes);
        assertThat(assigneesWhoAreNotMembers(project)).as("assignees who are not members").isZero();
        assertThat(outcomes.keySet()).allMatch(o -> o.matches("assign (200|400), remove 204"));
    }

    @Test
    default void nothingIsCreatedInADeletedProject() {
        Racer admin = newRacer();
        Map<String, Integer> outcomes = new TreeMap<>();
        List<String> projects = new ArrayList<>();
        for (int round = 0; round < ROUNDS * 2; round++) {
            int i = round;
            String project = created(as(admin).post("/api/projects", Map.of("name", "doomed " + i)));
            projects.add(project);
            created(as(admin).post("/api/projects/" + project + "/phases", Map.of("name", "only")));
            List<Integer> answers = race(
                    () -> as(admin).post("/api/projects/" + project + "/tickets", Map.of("title", "late")).status(),
                    () -> as(admin).post("/api/projects/" + project + "/phases", Map.of("name", "late")).status(),
                    () -> as(admin).delete("/api/projects/" + project).status());
            outcomes.merge("ticket " + answers.get(0) + ", phase " + answers.get(1) + ", delete " + answers.get(2), 1, Integer::sum);
        }
        System.out.println("delete project vs create ticket/phase: " + outcomes);
        String[] ids = projects.toArray(String[]::new);
        assertThat(ticketsOf(ids)).as("tickets of deleted projects").isZero();
        assertThat(phasesOf(ids)).as("phases of deleted projects").isZero();
        assertThat(membershipsOf(ids)).as("memberships of deleted projects").isZero();
        assertThat(outcomes.keySet()).allMatch(o -> o.matches("ticket (201|404), phase (201|404), delete 204"));
    }

    @Test
    default void aProjectIsNeverLeftWithoutAnAdmin() {
        Racer first = newRacer();
        Racer second = newRacer();
        Map<String, Integer> outcomes = new TreeMap<>();
        List<String> projects = new ArrayList<>();
        for (int i = 0; i < ROUNDS * 2; i++) {
            String project = created(as(first).post("/api/projects", Map.of("name", "shared " + i)));
            projects.add(project);
            String other = addMember(first, project, second, "ADMIN");
            String own = null;
            for (var m : as(first).get("/api/projects/" + project + "/memberships").json()) {
                if (m.path("userId").asString().equals(first.id())) {
                    own = m.path("id").asString();
                }
            }
            String mine = own;
            List<Integer> answers = i % 2 == 0
                    ? race(() -> as(first).patch("/api/memberships/" + other, Map.of("role", "MEMBER")).status(),
                           () -> as(first).delete("/api/memberships/" + mine).status())
                    : race(() -> as(second).delete("/api/memberships/" + other).status(),
                           () -> as(first).delete("/api/memberships/" + mine).status());
            outcomes.merge((i % 2 == 0 ? "demote " : "leave ") + answers.get(0) + ", leave " + answers.get(1), 1, Integer::sum);
        }
        System.out.println("demote last admin vs leave: " + outcomes);
        assertThat(projectsWithoutAnAdmin(projects.toArray(String[]::new))).as("projects without an admin").isZero();
        assertThat(outcomes.keySet()).allMatch(o -> o.matches("demote (200|403), leave (204|409)|leave (204|409), leave (204|409)"));
    }

    private TestHttp as(Racer racer) {
        return http().bearer(racer.token());
    }

    private Racer newRacer() {
        String email = "racer-" + UUID.randomUUID() + "@example.com";
        String id = created(http().post("/api/register", Map.of("name", "Racer", "email", email, "password", "secret-password")));
        TestHttp.Response login = http().post("/api/login", Map.of("email", email, "password", "secret-password"));
        assertThat(login.status()).as("login: %s", login.body()).isEqualTo(200);
        return new Racer(id, login.text("token"));
    }

    private String addMember(Racer admin, String projectId, Racer member, String role) {
        String membership = created(as(admin).post("/api/projects/" + projectId + "/memberships",
                Map.of("userId", member.id(), "role", role)));
        TestHttp.Response accepted = as(member).patch("/api/memberships/" + membership, Map.of("state", "ACCEPTED"));
        assertThat(accepted.status()).as("acceptance: %s", accepted.body()).isEqualTo(200);
        return membership;
    }

    private String createTicket(Racer who, String projectId, String title) {
        return created(as(who).post("/api/projects/" + projectId + "/tickets", Map.of("title", title, "assigneeIds", List.of())));
    }

    /** The id of what a 201 answer created. */
    private static String created(TestHttp.Response response) {
        assertThat(response.status()).as("answer %s", response.body()).isEqualTo(201);
        return response.id();
    }

    /** Runs the calls at the same instant and returns their answers in order. */
    @SafeVarargs
    private static List<Integer> race(Supplier<Integer>... calls) {
        CyclicBarrier start = new CyclicBarrier(calls.length);
        ExecutorService racers = Executors.newFixedThreadPool(calls.length);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (Supplier<Integer> call : calls) {
                answers.add(racers.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return call.get();
                }));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get(60, TimeUnit.SECONDS));
            }
            return statuses;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            racers.shutdownNow();
        }
    }
}
