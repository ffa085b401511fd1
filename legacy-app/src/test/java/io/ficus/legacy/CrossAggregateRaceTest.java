package io.ficus.legacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The reference for the new core's {@code CrossAggregateRaceTest}, which runs the same rounds:
 * every rule that spans aggregates holds under concurrent requests (the legacy serialises them on
 * the project's row). Each round starts two or three conflicting requests at the same instant (a
 * barrier); after all rounds the database is checked for the rule.
 */
class CrossAggregateRaceTest extends ApiTest {

    private static final int ROUNDS = 50;
    private static ExecutorService racers;

    @BeforeAll
    static void startRacers() {
        racers = Executors.newFixedThreadPool(3);
    }

    @AfterAll
    static void stopRacers() {
        racers.shutdownNow();
    }

    @Test
    void aPhaseWithTicketsIsNeverDeletedAndATicketNeverLandsInADeletedPhase() {
        Account admin = newAccount();
        String project = post("/api/projects", admin, Map.of("name", "board")).expect(201).id();
        String backlog = post("/api/projects/" + project + "/phases", admin, Map.of("name", "backlog")).expect(201).id();
        String moving = createTicket(admin, project, "moving");
        Map<String, Integer> outcomes = new TreeMap<>();
        for (int round = 0; round < ROUNDS; round++) {
            int i = round;
            String first = post("/api/projects/" + project + "/phases", admin, Map.of("name", "first " + i)).expect(201).id();
            List<Integer> created = race(
                    () -> post("/api/projects/" + project + "/tickets", admin, Map.of("title", "t" + i)).status(),
                    () -> delete("/api/phases/" + first, admin).status());
            outcomes.merge("create " + created.get(0) + ", delete " + created.get(1), 1, Integer::sum);
            String second = post("/api/projects/" + project + "/phases", admin, Map.of("name", "target " + i)).expect(201).id();
            patch("/api/tickets/" + moving, admin, Map.of("phaseId", backlog)).expect(200);
            List<Integer> moved = race(
                    () -> patch("/api/tickets/" + moving, admin, Map.of("phaseId", second)).status(),
                    () -> delete("/api/phases/" + second, admin).status());
            outcomes.merge("move " + moved.get(0) + ", delete " + moved.get(1), 1, Integer::sum);
        }
        System.out.println("delete phase vs create/move ticket: " + outcomes);
        assertThat(count("select count(*) from TKT_TICKET t where t.PRJ_ID = ? and t.TKT_DEL_FLG = 'N'"
                + " and not exists (select 1 from PHS_PHASE p where p.PHS_ID = t.PHS_ID)", project))
                .as("tickets in a phase that no longer exists").isZero();
        assertThat(outcomes.keySet()).allMatch(o -> o.matches("create 201, delete (204|409)|move (200|400), delete (204|409)"));
    }

    @Test
    void anAssigneeWhoIsNoLongerAMemberIsNeverKept() {
        Account admin = newAccount();
        String project = post("/api/projects", admin, Map.of("name", "team")).expect(201).id();
        post("/api/projects/" + project + "/phases", admin, Map.of("name", "backlog")).expect(201);
        String ticket = createTicket(admin, project, "shared");
        List<Account> members = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            members.add(newAccount());
        }
        Map<String, Integer> outcomes = new TreeMap<>();
        for (int i = 0; i < ROUNDS * 2; i++) {
            Account member = members.get(i % members.size());
            String membership = addMember(admin, project, member, "MEMBER");
            List<Integer> answers = race(
                    () -> patch("/api/tickets/" + ticket, admin, Map.of("assigneeIds", List.of(member.id()))).status(),
                    () -> delete("/api/memberships/" + membership, admin).status());
            outcomes.merge("assign " + answers.get(0) + ", remove " + answers.get(1), 1, Integer::sum);
        }
        System.out.println("remove member vs assign ticket: " + outcomes);
        assertThat(count("select count(*) from TKT_TICKET t cross join unnest(string_to_array(t.TKT_ASSIGNEES, ';')) a(user_id)"
                + " where t.PRJ_ID = ? and t.TKT_DEL_FLG = 'N' and not exists (select 1 from MBR_MEMBERSHIP m"
                + " where m.PRJ_ID = t.PRJ_ID and m.USR_ID = a.user_id and m.MBR_STATE_CD = 1)", project))
                .as("assignees who are not members").isZero();
        assertThat(outcomes.keySet()).allMatch(o -> o.matches("assign (200|400), remove 204"));
    }

    @Test
    void nothingIsCreatedInADeletedProject() {
        Account admin = newAccount();
        Map<String, Integer> outcomes = new TreeMap<>();
        List<String> projects = new ArrayList<>();
        for (int round = 0; round < ROUNDS * 2; round++) {
            int i = round;
            String project = post("/api/projects", admin, Map.of("name", "doomed " + i)).expect(201).id();
            projects.add(project);
            post("/api/projects/" + project + "/phases", admin, Map.of("name", "only")).expect(201);
            List<Integer> answers = race(
                    () -> post("/api/projects/" + project + "/tickets", admin, Map.of("title", "late")).status(),
                    () -> post("/api/projects/" + project + "/phases", admin, Map.of("name", "late")).status(),
                    () -> delete("/api/projects/" + project, admin).status());
            outcomes.merge("ticket " + answers.get(0) + ", phase " + answers.get(1) + ", delete " + answers.get(2), 1, Integer::sum);
        }
        System.out.println("delete project vs create ticket/phase: " + outcomes);
        String[] ids = projects.toArray(String[]::new);
        assertThat(count("select count(*) from TKT_TICKET where TKT_DEL_FLG = 'N' and PRJ_ID = any(?)", (Object) ids))
                .as("tickets of deleted projects").isZero();
        assertThat(count("select count(*) from PHS_PHASE where PRJ_ID = any(?)", (Object) ids))
                .as("phases of deleted projects").isZero();
        assertThat(count("select count(*) from MBR_MEMBERSHIP where PRJ_ID = any(?)", (Object) ids))
                .as("memberships of deleted projects").isZero();
        assertThat(outcomes.keySet()).allMatch(o -> o.matches("ticket (201|404), phase (201|404), delete 204"));
    }

    @Test
    void aProjectIsNeverLeftWithoutAnAdmin() {
        Account first = newAccount();
        Account second = newAccount();
        Map<String, Integer> outcomes = new TreeMap<>();
        List<String> projects = new ArrayList<>();
        for (int i = 0; i < ROUNDS * 2; i++) {
            String project = post("/api/projects", first, Map.of("name", "shared " + i)).expect(201).id();
            projects.add(project);
            String other = addMember(first, project, second, "ADMIN");
            String own = null;
            for (var m : get("/api/projects/" + project + "/memberships", first).expect(200).body()) {
                if (m.path("userId").asString().equals(first.id())) {
                    own = m.path("id").asString();
                }
            }
            String mine = own;
            List<Integer> answers = i % 2 == 0
                    ? race(() -> patch("/api/memberships/" + other, first, Map.of("role", "MEMBER")).status(),
                           () -> delete("/api/memberships/" + mine, first).status())
                    : race(() -> delete("/api/memberships/" + other, second).status(),
                           () -> delete("/api/memberships/" + mine, first).status());
            outcomes.merge((i % 2 == 0 ? "demote " : "leave ") + answers.get(0) + ", leave " + answers.get(1), 1, Integer::sum);
        }
        System.out.println("demote last admin vs leave: " + outcomes);
        assertThat(count("select count(*) from PRJ_PROJECT p where p.PRJ_ID = any(?) and not exists (select 1"
                + " from MBR_MEMBERSHIP m where m.PRJ_ID = p.PRJ_ID and m.MBR_ROLE_CD = 1 and m.MBR_STATE_CD = 1)",
                (Object) projects.toArray(String[]::new))).as("projects without an admin").isZero();
        assertThat(outcomes.keySet()).allMatch(o -> o.matches("demote (200|403), leave (204|409)|leave (204|409), leave (204|409)"));
    }

    /** Runs the calls at the same instant and returns their answers in order. */
    @SafeVarargs
    private static List<Integer> race(Supplier<Integer>... calls) {
        CyclicBarrier start = new CyclicBarrier(calls.length);
        List<Future<Integer>> answers = new ArrayList<>();
        for (Supplier<Integer> call : calls) {
            answers.add(racers.submit(() -> {
                start.await(10, TimeUnit.SECONDS);
                return call.get();
            }));
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> answer : answers) {
            try {
                statuses.add(answer.get(60, TimeUnit.SECONDS));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return statuses;
    }
}
