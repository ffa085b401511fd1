package io.ficus.e2e.parity;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One concurrent workload on one project, run against one application over HTTP: several admin
 * clients at once rename the project and one shared ticket (title and phase), add and remove
 * phases while creating and moving tickets, invite, accept and remove members while assigning
 * them, and rename themselves. Each client's own sequence has one right answer per step on a
 * system that applies concurrent changes one after the other (as the legacy does, on the
 * project's row): the contention is between clients, the expected answers do not depend on the
 * interleaving. So the distribution of status codes per operation type must be the same on both
 * systems, and the final state equivalent: the last accepted rename wins where several clients
 * renamed the same thing.
 */
final class ContendedWorkload {

    private static final JsonMapper json = JsonMapper.builder().build();
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newCachedThreadPool()).build();

    /**
     * What one run gave.
     *
     * @param statuses    per operation type, how many answers of each status
     * @param latencies   every request's latency of the contended phase, nanoseconds
     * @param wallNanos   how long the contended phase took
     * @param state       the final state, with generated ids replaced by names
     * @param violations  broken expectations a client noticed (a wrong assignee list read back...)
     */
    record Result(Map<String, Map<Integer, Integer>> statuses, List<Long> latencies, long wallNanos, Map<String, Object> state,
                  List<String> violations) {

        int requests() {
            return latencies.size();
        }
    }

    private final String base;
    private final int clients;
    private final int rounds;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final Map<String, Map<Integer, Integer>> statuses = new ConcurrentHashMap<>();
    private final List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    private final List<String> violations = Collections.synchronizedList(new ArrayList<>());
    private final Set<String> projectNames = new ConcurrentSkipListSet<>();
    private final Set<String> sharedTitles = new ConcurrentSkipListSet<>();
    private volatile boolean recording;

    ContendedWorkload(String base, int clients, int rounds) {
        this.base = base;
        this.clients = clients;
        this.rounds = rounds;
    }

    Result run() throws Exception {
        Account admin = register("admin");
        String project = send("GET", "/api/projects", admin.token, null).json().get(0).path("id").asString();
        List<String> permanent = new ArrayList<>();
        send("GET", "/api/projects/" + project + "/phases", admin.token, null).json().forEach(p -> permanent.add(p.path("id").asString()));
        String shared = send("POST", "/api/projects/" + project + "/tickets", admin.token, Map.of("title", "shared")).id();
        sharedTitles.add("shared");
        projectNames.add("Default project");
        List<Account> members = new ArrayList<>();
        List<Account> guests = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Account member = register("member " + i);
            String membership = send("POST", "/api/projects/" + project + "/memberships", admin.token,
                    Map.of("userId", member.id, "role", "ADMIN")).id();
            send("PATCH", "/api/memberships/" + membership, member.token, Map.of("state", "ACCEPTED"));
            members.add(member);
            guests.add(register("guest " + i));
        }

        ExecutorService pool = Executors.newFixedThreadPool(clients);
        CyclicBarrier start = new CyclicBarrier(clients);
        recording = true;
        long began = System.nanoTime();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                int client = i;
                done.add(pool.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    for (int r = 0; r < rounds; r++) {
                        round(project, shared, permanent, members.get(client), guests.get(client), client, r);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(10, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        long wall = System.nanoTime() - began;
        recording = false;
        return new Result(new TreeMap<>(statuses), List.copyOf(latencies), wall, state(admin, project, permanent, members),
                List.copyOf(violations));
    }

    private void round(String project, String shared, List<String> permanent, Account me, Account guest, int client, int r) {
        String tag = "c" + client + " r" + r;
        String name = "project " + tag;
        if (op("rename project", "PATCH", "/api/projects/" + project, me, Map.of("name", name)).status == 200) {
            projectNames.add(name);
        }
        String title = "shared " + tag;
        if (op("retitle and move shared ticket", "PATCH", "/api/tickets/" + shared, me,
                Map.of("title", title, "phaseId", permanent.get((client + r) % permanent.size()))).status == 200) {
            sharedTitles.add(title);
        }
        String temporary = op("add phase", "POST", "/api/projects/" + project + "/phases", me,
                Map.of("name", "temporary " + tag, "previousPhaseId", permanent.get(permanent.size() - 1))).id();
        Answer ticket = op("create ticket", "POST", "/api/projects/" + project + "/tickets", me, Map.of("title", "ticket " + tag));
        if (!permanent.get(0).equals(ticket.json().path("phaseId").asString())) {
            violations.add(tag + ": new ticket not in the first phase: " + ticket.raw);
        }
        String id = ticket.id();
        op("move ticket into new phase", "PATCH", "/api/tickets/" + id, me, Map.of("phaseId", temporary));
        op("delete phase holding a ticket", "DELETE", "/api/phases/" + temporary, me, null);
        op("move ticket back", "PATCH", "/api/tickets/" + id, me, Map.of("phaseId", permanent.get(0)));
        op("delete empty phase", "DELETE", "/api/phases/" + temporary, me, null);
        String membership = op("invite", "POST", "/api/projects/" + project + "/memberships", me,
                Map.of("userId", guest.id, "role", "MEMBER")).id();
        op("accept", "PATCH", "/api/memberships/" + membership, guest, Map.of("state", "ACCEPTED"));
        op("assign member", "PATCH", "/api/tickets/" + id, me, Map.of("assigneeIds", List.of(guest.id, me.id)));
        op("remove member", "DELETE", "/api/memberships/" + membership, me, null);
        op("assign removed member", "PATCH", "/api/tickets/" + id, me, Map.of("assigneeIds", List.of(guest.id)));
        Answer read = op("read ticket after removal", "GET", "/api/tickets/" + id, me, null);
        List<String> assignees = new ArrayList<>();
        read.json().path("assigneeIds").forEach(a -> assignees.add(a.asString()));
        if (!assignees.equals(List.of(me.id))) {
            violations.add(tag + ": assignees after the removal " + assignees + ", expected only the client");
        }
        op("rename self", "PATCH", "/api/users/" + me.id, me, Map.of("name", "member " + client + " " + r));
    }

    /** The final state with ids replaced by names, comparable across systems. */
    private Map<String, Object> state(Account admin, String project, List<String> permanent, List<Account> members) {
        Map<String, Object> state = new TreeMap<>();
        JsonNode p = send("GET", "/api/projects/" + project, admin.token, null).json();
        state.put("project name is an accepted rename", projectNames.contains(p.path("name").asString()));
        List<String> phases = new ArrayList<>();
        Map<String, String> phaseNames = new TreeMap<>();
        long counted = 0;
        for (JsonNode ph : send("GET", "/api/projects/" + project + "/phases", admin.token, null).json()) {
            phases.add(ph.path("name").asString());
            phaseNames.put(ph.path("id").asString(), ph.path("name").asString());
            counted += ph.path("ticketCount").asLong();
        }
        state.put("phases", phases);
        state.put("tickets counted by the phases", counted);
        Map<String, String> names = new TreeMap<>();
        names.put(admin.id, "admin");
        for (int i = 0; i < members.size(); i++) {
            names.put(members.get(i).id, "member " + i);
        }
        Map<String, String> tickets = new TreeMap<>();
        send("GET", "/api/projects/" + project + "/tickets", admin.token, null).json().forEach(t -> {
            String title = t.path("title").asString();
            List<String> assignees = new ArrayList<>();
            t.path("assigneeIds").forEach(a -> assignees.add(names.getOrDefault(a.asString(), "unknown user")));
            String phase = phaseNames.getOrDefault(t.path("phaseId").asString(), "a phase that does not exist");
            if (title.startsWith("shared")) {
                state.put("shared ticket title is an accepted change", sharedTitles.contains(title));
                state.put("shared ticket is in a permanent phase", permanent.contains(t.path("phaseId").asString()));
            } else {
                tickets.put(title, phase + ", assigned to " + assignees);
            }
        });
        state.put("tickets", tickets);
        List<String> memberships = new ArrayList<>();
        send("GET", "/api/projects/" + project + "/memberships", admin.token, null).json().forEach(m -> memberships.add(
                names.getOrDefault(m.path("userId").asString(), "unknown user") + " " + m.path("role").asString() + " "
                        + m.path("state").asString()));
        Collections.sort(memberships);
        state.put("memberships", memberships);
        return state;
    }

    private record Account(String id, String token) {
    }

    private Account register(String name) {
        String email = name.replace(' ', '-') + "-" + run + "@example.com";
        String id = send("POST", "/api/register", null, Map.of("name", name, "email", email, "password", "secret-password")).id();
        String token = send("POST", "/api/login", null, Map.of("email", email, "password", "secret-password")).json()
                .path("token").asString();
        return new Account(id, token);
    }

    private record Answer(int status, String raw) {
        JsonNode json() {
            return raw == null || raw.isBlank() ? json.missingNode() : json.readTree(raw);
        }

        String id() {
            return json().path("id").asString();
        }
    }

    private Answer op(String type, String method, String path, Account who, Object body) {
        long began = System.nanoTime();
        Answer answer = send(method, path, who.token, body);
        if (recording) {
            latencies.add(System.nanoTime() - began);
            statuses.computeIfAbsent(type, t -> new ConcurrentHashMap<>()).merge(answer.status, 1, Integer::sum);
        }
        return answer;
    }

    private Answer send(String method, String path, String token, Object body) {
        String payload = body == null ? null : json.writeValueAsString(body);
        var request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .method(method, payload == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(payload));
        if (payload != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        }
    }
}
