package io.ficus.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ficus.sandbox.App;
import io.ficus.sandbox.Stack;
import io.ficus.testkit.Database;
import io.ficus.testkit.TestHttp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Safe cutover (issue 11) end to end: two gateway instances on one gateway database, six clients that create, rename
 * and delete tickets, rename their projects, and create, rename and delete side projects through either gateway at
 * random, each reading its entity back after every acknowledged write (a deleted one must answer 404, then and on every
 * later read, by id or in its project's ticket list), while the {@code tickets} and {@code projects} groups are flipped LEGACY → SHADOW → NEW →
 * SHADOW → LEGACY, then LEGACY → SHADOW → NEW → LEGACY (alternating the gateway that receives the flip, CANARY refused
 * with 409 on the way). The stack is configured as the sandbox is, so the applications refuse writes of groups they do
 * not own: a write the gateway routed to the wrong owner would show as an unexpected 409.
 * Afterwards every acknowledged write is the final state of its entity in both stores, every acknowledged delete left
 * its entity in neither store, and a full reconciliation finds no drift.
 *
 * <p>Each entity's title or name ends in {@code v<n>}, with {@code n} growing with every write of its client: a read
 * that returns a lower {@code n} than the entity's last acknowledged write is a read-your-writes violation.
 */
class SafeCutoverIT {

    private static final Logger log = LoggerFactory.getLogger(SafeCutoverIT.class);
    private static final int CLIENTS = 6;
    /** API operations (writes and reads) each client makes at least; the flips all happen while they run. */
    private static final int OPERATIONS_PER_CLIENT = 550;
    private static final List<String> GROUPS = List.of("tickets", "projects");
    /**
     * The cycles each group goes through: every mode a write group may take, and back; the second rolls back from NEW to
     * LEGACY directly (a handover towards the legacy without the SHADOW step).
     */
    private static final List<List<String>> CYCLES = List.of(List.of("SHADOW", "NEW", "SHADOW", "LEGACY"),
            List.of("SHADOW", "NEW", "LEGACY"));
    /** The legacy deletes tickets softly (a flag); projects, memberships and phases are deleted for real. */
    private static final String LIVE_LEGACY_TICKETS = "select tkt_id, tkt_title from tkt_ticket where tkt_del_flg = 'N'";
    private static final Pattern VERSION = Pattern.compile(" v(\\d+)$");

    static Stack stack;
    static List<String> gateways;

    @BeforeAll
    static void startAStackWithTwoGateways() throws IOException {
        stack = Stack.start(RunningStack.config("cutover"));
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        gateways = List.of(stack.config().url(App.GATEWAY), stack.startSecondGateway(port));
    }

    @AfterAll
    static void stopTheStack() {
        if (stack != null) {
            stack.close();
        }
    }

    /** What one HTTP exchange answered. */
    record Answer(int status, String body, TestHttp.Response response) {
        JsonNode json() {
            return Http.json.readTree(body);
        }

        String header(String name) {
            return response == null ? null : response.header(name);
        }
    }

    /** The figures of the whole run, shared by the clients. */
    static final class Figures {
        final AtomicInteger operations = new AtomicInteger();
        final AtomicInteger writes = new AtomicInteger();
        final AtomicInteger reads = new AtomicInteger();
        final AtomicInteger deletes = new AtomicInteger();
        final AtomicInteger readsOfDeleted = new AtomicInteger();
        final AtomicInteger heldThenRetried = new AtomicInteger();
        final List<String> serverErrors = Collections.synchronizedList(new ArrayList<>());
        final List<String> unexpected = Collections.synchronizedList(new ArrayList<>());
        final List<String> staleReads = Collections.synchronizedList(new ArrayList<>());
        final List<String> deletedSeenAgain = Collections.synchronizedList(new ArrayList<>());
        final Map<String, AtomicInteger> byGateway = new ConcurrentHashMap<>();
    }

    /** An entity a client writes: its last acknowledged version and the highest it ever sent. */
    static final class Entity {
        final String kind;
        final String id;
        final String prefix;
        int acknowledged;
        int attempted;

        Entity(String kind, String id, String prefix) {
            this.kind = kind;
            this.id = id;
            this.prefix = prefix;
        }

        String text(int version) {
            return prefix + " v" + version;
        }

        String path() {
            return ("ticket".equals(kind) ? "/api/tickets/" : "/api/projects/") + id;
        }

        String field() {
            return "ticket".equals(kind) ? "title" : "name";
        }
    }

    /** One client: signed up before the flips, then writes and reads through both gateways at random. */
    static final class Client implements Runnable {
        final int number;
        final String token;
        final Entity project;
        final List<Entity> tickets = new ArrayList<>();
        /** Side projects: created, renamed and deleted during the flips (they hold no tickets). */
        final List<Entity> sideProjects = new ArrayList<>();
        /** Tickets and side projects whose delete was acknowledged (204): never to be seen again. */
        final List<Entity> deleted = new ArrayList<>();
        /** Entities whose delete got no clear answer (a 5xx, failed already): either state is acceptable at the end. */
        final List<Entity> deleteUnknown = new ArrayList<>();
        final Random random;
        int sideProjectsCreated;
        final Figures figures;
        final AtomicBoolean flipsDone;
        int version;
        int operations;

        Client(int number, String token, String projectId, Figures figures, AtomicBoolean flipsDone) {
            this.number = number;
            this.token = token;
            this.project = new Entity("project", projectId, "client" + number + " project");
            this.random = new Random(4242 + number);
            this.figures = figures;
            this.flipsDone = flipsDone;
        }

        @Override
        public void run() {
            while (operations < OPERATIONS_PER_CLIENT || !flipsDone.get()) {
                int dice = random.nextInt(100);
                if (tickets.isEmpty() || dice < 24) {
                    createTicket();
                } else if (dice < 54) {
                    write(tickets.get(random.nextInt(tickets.size())));
                } else if (dice < 62) {
                    delete(tickets.remove(random.nextInt(tickets.size())));
                } else if (dice < 78) {
                    write(project);
                } else if (dice < 86) {
                    sideProject();
                } else if (dice < 93 || deleted.isEmpty()) {
                    read(random.nextBoolean() ? project : tickets.get(random.nextInt(tickets.size())));
                } else {
                    readDeleted(deleted.get(random.nextInt(deleted.size())));
                }
            }
        }

        private void createTicket() {
            int v = ++version;
            String prefix = "client" + number + " ticket" + tickets.size();
            var created = write("POST", "/api/projects/" + project.id + "/tickets", Map.of(
                    "title", prefix + " v" + v, "description", "written across flips", "assigneeIds", List.of()),
                    "create " + prefix);
            if (created != null && created.status() == 201) {
                var ticket = new Entity("ticket", created.json().get("id").asString(), prefix);
                ticket.acknowledged = v;
                ticket.attempted = v;
                tickets.add(ticket);
                read(ticket);
            } else if (created != null) {
                figures.unexpected.add("create " + prefix + ": " + created.status() + " " + created.body());
            }
        }

        /** Creates a side project when there is none (or at random), else renames or deletes one. */
        private void sideProject() {
            if (sideProjects.isEmpty() || random.nextInt(3) == 0) {
                int v = ++version;
                String prefix = "client" + number + " side" + sideProjectsCreated++;
                var created = write("POST", "/api/projects", Map.of("name", prefix + " v" + v, "description", "short-lived"),
                        "create " + prefix);
                if (created != null && created.status() == 201) {
                    var side = new Entity("project", created.json().get("id").asString(), prefix);
                    side.acknowledged = v;
                    side.attempted = v;
                    sideProjects.add(side);
                    read(side);
                } else if (created != null) {
                    figures.unexpected.add("create " + prefix + ": " + created.status() + " " + created.body());
                }
            } else if (random.nextBoolean()) {
                write(sideProjects.get(random.nextInt(sideProjects.size())));
            } else {
                delete(sideProjects.remove(random.nextInt(sideProjects.size())));
            }
        }

        /** Deletes the entity (already out of the client's live lists) and reads it back: it must be gone. */
        private void delete(Entity entity) {
            figures.deletes.incrementAndGet();
            var answer = write("DELETE", entity.path(), null, "delete " + entity.kind + " " + entity.id);
            if (answer == null) {
                deleteUnknown.add(entity);
            } else if (answer.status() == 204) {
                deleted.add(entity);
                readDeleted(entity);
            } else {
                deleteUnknown.add(entity);
                figures.unexpected.add("delete " + entity.kind + " " + entity.id + ": " + answer.status() + " " + answer.body());
            }
        }

        /**
         * Reads an entity whose delete was acknowledged: by id it must answer 404; a deleted ticket must also be missing
         * from its project's ticket list.
         */
        private void readDeleted(Entity entity) {
            figures.readsOfDeleted.incrementAndGet();
            figures.reads.incrementAndGet();
            boolean inList = "ticket".equals(entity.kind) && random.nextBoolean();
            var answer = send("GET", inList ? "/api/projects/" + project.id + "/tickets" : entity.path(), null);
            if (answer.status() >= 500) {
                figures.serverErrors.add("read deleted " + entity.kind + " " + entity.id + ": " + answer.status() + " " + answer.body());
            } else if (inList && answer.status() != 200) {
                figures.unexpected.add("list of project " + project.id + ": " + answer.status() + " " + answer.body());
            } else if (inList) {
                for (JsonNode ticket : answer.json()) {
                    if (entity.id.equals(ticket.path("id").asString())) {
                        figures.deletedSeenAgain.add("ticket " + entity.id + " listed after its delete was acknowledged: " + ticket);
                    }
                }
            } else if (answer.status() != 404) {
                figures.deletedSeenAgain.add(entity.kind + " " + entity.id + " answered " + answer.status()
                        + " after its delete was acknowledged: " + answer.body());
            }
        }

        private void write(Entity entity) {
            int v = ++version;
            entity.attempted = v;
            var answer = write("PATCH", entity.path(), Map.of(entity.field(), entity.text(v)), "rename " + entity.kind + " " + entity.id);
            if (answer != null && answer.status() == 200) {
                entity.acknowledged = v;
                read(entity);
            } else if (answer != null) {
                figures.unexpected.add("rename " + entity.kind + " " + entity.id + " to v" + v + ": " + answer.status() + " " + answer.body());
            }
        }

        /** A write, retried once after {@code Retry-After} when the gate held it too long; null after a 5xx. */
        private Answer write(String method, String path, Object body, String what) {
            figures.writes.incrementAndGet();
            var answer = send(method, path, body);
            if (answer.status() == 503 && answer.header("Retry-After") != null) {
                figures.heldThenRetried.incrementAndGet();
                log.warn("{} held too long through the gateway: 503 Retry-After {}; retrying once", what, answer.header("Retry-After"));
                pause(Duration.ofSeconds(Long.parseLong(answer.header("Retry-After").trim())));
                answer = send(method, path, body);
            }
            if (answer.status() >= 500) {
                figures.serverErrors.add(what + ": " + answer.status() + " " + answer.body());
                return null;
            }
            return answer;
        }

        private void read(Entity entity) {
            figures.reads.incrementAndGet();
            var answer = send("GET", entity.path(), null);
            if (answer.status() >= 500) {
                figures.serverErrors.add("read " + entity.kind + " " + entity.id + ": " + answer.status() + " " + answer.body());
                return;
            }
            if (answer.status() != 200) {
                figures.staleReads.add(entity.kind + " " + entity.id + " after v" + entity.acknowledged + " was acknowledged: "
                        + answer.status() + " " + answer.body());
                return;
            }
            String text = answer.json().path(entity.field()).asString();
            Matcher matcher = VERSION.matcher(text);
            // A project's name before its first write ("Default project") has no suffix: version 0.
            int seen = matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
            if (seen < entity.acknowledged) {
                figures.staleReads.add(entity.kind + " " + entity.id + " read '" + text + "' after v" + entity.acknowledged
                        + " was acknowledged");
            }
        }

        private Answer send(String method, String path, Object body) {
            String gateway = gateways.get(random.nextInt(gateways.size()));
            operations++;
            figures.operations.incrementAndGet();
            figures.byGateway.computeIfAbsent(gateway, g -> new AtomicInteger()).incrementAndGet();
            return exchange(TestHttp.to(gateway).bearer(token), method, path, body);
        }
    }

    /** Flips each group through the cycle, spread over the workload, and checks that CANARY is refused. */
    static final class Flipper implements Runnable {
        final Figures figures;
        final int spacing;
        final List<Long> pauses = Collections.synchronizedList(new ArrayList<>());
        final List<String> flips = Collections.synchronizedList(new ArrayList<>());
        final List<String> failures = Collections.synchronizedList(new ArrayList<>());
        int refusedThenRetried;
        int canaryRefused;
        int handovers;
        /** Requests to the admin API per group: each group's flips alternate between the gateways. */
        final Map<String, Integer> sent = new HashMap<>();

        Flipper(Figures figures, int spacing) {
            this.figures = figures;
            this.spacing = spacing;
        }

        @Override
        public void run() {
            for (int cycle = 0; cycle < CYCLES.size(); cycle++) {
                for (int step = 0; step < CYCLES.get(cycle).size(); step++) {
                    for (String group : GROUPS) {
                        awaitLoad();
                        flip(group, CYCLES.get(cycle).get(step), cycle);
                        if (step == 1) {
                            refuseCanary(group);
                        }
                    }
                }
            }
        }

        private void awaitLoad() {
            int from = figures.operations.get();
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(20))
                    .until(() -> figures.operations.get() >= from + spacing);
        }

        private String nextGateway(String group) {
            int n = sent.merge(group, 1, Integer::sum) + GROUPS.indexOf(group);
            return gateways.get(n % gateways.size());
        }

        private void flip(String group, String mode, int cycle) {
            for (int attempt = 1; ; attempt++) {
                String url = nextGateway(group);
                long start = System.nanoTime();
                var answer = operator(url, "PUT", "/ficus/api/groups/" + group + "/mode",
                        Map.of("mode", mode, "reason", "SafeCutoverIT: cycle " + cycle + " " + group + " to " + mode));
                long millis = (System.nanoTime() - start) / 1_000_000;
                if (answer.status() == 200) {
                    String pause = answer.header("X-Ficus-Handover-Pause-Millis");
                    if (pause != null) {
                        handovers++;
                        pauses.add(Long.parseLong(pause.trim()));
                    }
                    String line = group + " -> " + mode + " via " + url + " in " + millis + " ms"
                            + (pause == null ? "" : ", pause " + pause + " ms, " + answer.header("X-Ficus-Handover-Stages"));
                    flips.add(line);
                    log.info("flip {}", line);
                    return;
                }
                if ((answer.status() == 409 || answer.status() == 503) && attempt < 5) {
                    // A refused handover changes nothing (the sync did not catch up in time, or the fence did not answer in
                    // time, on a loaded machine): retry.
                    refusedThenRetried++;
                    log.warn("flip {} -> {} via {} refused, retrying: {}", group, mode, url, answer.body());
                    continue;
                }
                failures.add("flip " + group + " -> " + mode + " via " + url + ": " + answer.status() + " " + answer.body());
                return;
            }
        }

        private void refuseCanary(String group) {
            String url = nextGateway(group);
            var answer = operator(url, "PUT", "/ficus/api/groups/" + group + "/mode",
                    Map.of("mode", "CANARY", "percent", 50, "reason", "SafeCutoverIT: canary must be refused"));
            if (answer.status() == 409) {
                canaryRefused++;
            } else {
                failures.add("CANARY on " + group + " via " + url + " answered " + answer.status() + " " + answer.body());
            }
        }
    }

    @Test
    void flipsOfTwoWriteGroupsThroughTwoGatewaysUnderLoadLoseNoWriteBreakNoReadAndLeaveNoDrift() throws Exception {
        var figures = new Figures();
        var flipsDone = new AtomicBoolean();
        List<Client> clients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            clients.add(signUp(i, figures, flipsDone));
        }
        int flipCount = CYCLES.stream().mapToInt(List::size).sum() * GROUPS.size();
        var flipper = new Flipper(figures, CLIENTS * OPERATIONS_PER_CLIENT / (flipCount + 2));

        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS + 1);
        long start = System.nanoTime();
        List<Future<?>> running = new ArrayList<>();
        clients.forEach(c -> running.add(pool.submit(c)));
        Future<?> flipping = pool.submit(() -> {
            try {
                flipper.run();
            } finally {
                flipsDone.set(true);
            }
        });
        flipping.get();
        for (var c : running) {
            c.get();
        }
        pool.shutdown();
        long seconds = (System.nanoTime() - start) / 1_000_000_000;

        List<Long> pauses = new ArrayList<>(flipper.pauses);
        Collections.sort(pauses);
        log.info("SafeCutoverIT: {} operations ({} writes incl. {} deletes, {} reads incl. {} of deleted entities; by gateway {}) "
                        + "in {} s, {} flips ({} handovers, "
                        + "{} refused and retried), {} CANARY refused; handover pause p50 {} ms, p99 {} ms, max {} ms; "
                        + "{} writes held into 503 and retried; {} 5xx, {} read-your-writes violations, {} deleted entities "
                        + "seen again, {} unexpected answers",
                figures.operations.get(), figures.writes.get(), figures.deletes.get(), figures.reads.get(),
                figures.readsOfDeleted.get(), figures.byGateway, seconds,
                flipper.flips.size(), flipper.handovers, flipper.refusedThenRetried, flipper.canaryRefused,
                percentile(pauses, 50), percentile(pauses, 99), pauses.isEmpty() ? 0 : pauses.get(pauses.size() - 1),
                figures.heldThenRetried.get(), figures.serverErrors.size(), figures.staleReads.size(),
                figures.deletedSeenAgain.size(), figures.unexpected.size());

        // Every figure is checked, and the stores too, before the test fails: a failure names everything found.
        var softly = new SoftAssertions();
        softly.assertThat(flipper.failures).as("flips that failed").isEmpty();
        softly.assertThat(flipper.flips).as("flips done").hasSize(flipCount);
        softly.assertThat(flipper.canaryRefused).as("CANARY refused with 409").isEqualTo(CYCLES.size() * GROUPS.size());
        softly.assertThat(flipper.handovers).as("flips that moved writes were handovers").isEqualTo(CYCLES.size() * 2 * GROUPS.size());
        softly.assertThat(figures.operations.get()).as("operations").isGreaterThanOrEqualTo(3_000);
        softly.assertThat(figures.serverErrors).as("5xx answers").isEmpty();
        softly.assertThat(figures.staleReads).as("read-your-writes violations").isEmpty();
        softly.assertThat(figures.deletedSeenAgain).as("reads that saw an entity after its delete was acknowledged").isEmpty();
        softly.assertThat(figures.deletes.get()).as("deletes").isGreaterThanOrEqualTo(100);
        softly.assertThat(figures.unexpected).as("writes not acknowledged").isEmpty();

        // The final state of each entity is its last acknowledged write; after a write whose outcome the client
        // never learnt (a 5xx, already failed above), that write may have happened too.
        Map<String, List<String>> expectedTickets = new HashMap<>();
        Map<String, List<String>> expectedProjects = new HashMap<>();
        List<String> deletedTickets = new ArrayList<>();
        List<String> deletedProjects = new ArrayList<>();
        for (var c : clients) {
            expectedProjects.put(c.project.id, acceptable(c.project, "Default project"));
            c.tickets.forEach(t -> expectedTickets.put(t.id, acceptable(t, null)));
            c.sideProjects.forEach(p -> expectedProjects.put(p.id, acceptable(p, null)));
            c.deleted.forEach(d -> ("ticket".equals(d.kind) ? deletedTickets : deletedProjects).add(d.id));
        }
        log.info("Waiting for {} tickets and {} projects to hold their last acknowledged write, and {} deleted tickets and {} "
                        + "deleted projects to be gone, in both stores",
                expectedTickets.size(), expectedProjects.size(), deletedTickets.size(), deletedProjects.size());
        softly.assertThatCode(() -> await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            assertThat(differences(expectedTickets, rows(stack.config().legacyDb(), LIVE_LEGACY_TICKETS)))
                    .as("tickets in the legacy").isEmpty();
            assertThat(differences(expectedTickets, rows(stack.config().coreDb(), "select id::text, title from tickets_ticket")))
                    .as("tickets in the core").isEmpty();
            assertThat(differences(expectedProjects, rows(stack.config().legacyDb(), "select prj_id, prj_name from prj_project")))
                    .as("projects in the legacy").isEmpty();
            assertThat(differences(expectedProjects, rows(stack.config().coreDb(), "select id::text, name from projects_project")))
                    .as("projects in the core").isEmpty();
            assertThat(present(deletedTickets, rows(stack.config().legacyDb(), LIVE_LEGACY_TICKETS)))
                    .as("deleted tickets still in the legacy").isEmpty();
            assertThat(present(deletedTickets, rows(stack.config().coreDb(), "select id::text, title from tickets_ticket")))
                    .as("deleted tickets still in the core").isEmpty();
            assertThat(present(deletedProjects, rows(stack.config().legacyDb(), "select prj_id, prj_name from prj_project")))
                    .as("deleted projects still in the legacy").isEmpty();
            assertThat(present(deletedProjects, rows(stack.config().coreDb(), "select id::text, name from projects_project")))
                    .as("deleted projects still in the core").isEmpty();
        })).as("every acknowledged write and delete in both stores").doesNotThrowAnyException();

        JsonNode job = ConvergenceIT.reconcile(stack, Duration.ofSeconds(120));
        log.info("Full reconciliation after the flips: {}", job.path("report"));
        softly.assertThat(job.path("state").asString()).as(job.toString()).isEqualTo("DONE");
        job.path("report").path("types").properties().forEach(type -> softly.assertThat(ConvergenceIT.drift(type.getValue()))
                .as("drift of %s: %s", type.getKey(), type.getValue()).isZero());
        softly.assertAll();
    }

    private static List<String> acceptable(Entity entity, String unwritten) {
        List<String> texts = new ArrayList<>();
        texts.add(entity.acknowledged == 0 && unwritten != null ? unwritten : entity.text(entity.acknowledged));
        if (entity.attempted > entity.acknowledged) {
            texts.add(entity.text(entity.attempted));
        }
        return texts;
    }

    private static Client signUp(int number, Figures figures, AtomicBoolean flipsDone) {
        var user = new Http(gateways.get(number % 2), null).signUp("Cutover" + number);
        String projectId = user.get("/api/projects").json().get(0).get("id").asString();
        // The core must know the user, the project and its phases before either may own a group's writes.
        var core = new Http(stack.config().url(App.NEW_CORE), user.token());
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            var phases = core.get("/api/projects/" + projectId + "/phases");
            return phases.status() == 200 && phases.json().size() == 3;
        });
        return new Client(number, user.token(), projectId, figures, flipsDone);
    }

    private static Answer operator(String gateway, String method, String path, Object body) {
        var operator = stack.config().operator();
        return exchange(TestHttp.to(gateway).basic(operator.name(), operator.password()), method, path, body);
    }

    private static Answer exchange(TestHttp http, String method, String path, Object body) {
        try {
            var response = http.send(method, path, body);
            return new Answer(response.status(), response.body(), response);
        } catch (UncheckedIOException e) {
            // No answer at all (a reset connection, a timeout): as bad as a 5xx for the client.
            return new Answer(599, method + " failed without an answer: " + e.getCause(), null);
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> rows(Database db, String sql) throws Exception {
        return Sql.pairs(db, sql);
    }

    /** Each expected entity whose stored text differs: id, expected, stored. */
    private static List<String> differences(Map<String, List<String>> expected, Map<String, String> stored) {
        List<String> differences = new ArrayList<>();
        expected.forEach((id, texts) -> {
            if (!texts.contains(stored.get(id))) {
                differences.add(id + ": expected " + texts + ", stored '" + stored.get(id) + "'");
            }
        });
        return differences;
    }

    /** Each deleted entity still stored: id and stored text. */
    private static List<String> present(List<String> deleted, Map<String, String> stored) {
        return deleted.stream().filter(stored::containsKey).map(id -> id + ": '" + stored.get(id) + "'").toList();
    }

    private static long percentile(List<Long> sorted, int percent) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
