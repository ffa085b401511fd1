package io.ficus.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ficus.contracts.Topics;
import io.ficus.sandbox.App;
import io.ficus.sandbox.Stack;
import io.ficus.sandbox.StackConfig;
import io.ficus.testkit.Database;
import io.ficus.testkit.FreePorts;
import io.ficus.testkit.RestartableKafka;
import io.ficus.testkit.RestartablePostgres;
import io.ficus.testkit.TestInfra;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sync through outages, on a stack of its own whose Kafka broker and core database the test stops and starts
 * again: a steady write load goes into both applications directly (each side its own users, projects and tickets),
 * Kafka is stopped for {@link #OUTAGE} and started again, then the core's database is stopped as long and started
 * again, and a record that can never be translated is published in between. At the end every acknowledged write is
 * in both stores with its last acknowledged title, none took effect twice (each ticket's core version is one plus its
 * acknowledged renames), the poison record is in the dead-letter list, and reconciliation reports no drift. The bridge
 * keeps its offsets in the legacy database ({@code ficus.cdc.offset-storage=jdbc}) and the adapter purges echo marks
 * every 2 s throughout, so both are exercised through the outages too.
 */
class SyncChaosIT {

    private static final Logger log = LoggerFactory.getLogger(SyncChaosIT.class);
    /**
     * How long Kafka and the core database are each kept away: 30 s in the default command (long enough for every
     * consumer and producer to fail and back off, short enough for the CI budget), {@code -Dchaos.outage=PT3M} for an
     * outage past the producers' delivery timeout (2 min) and the bridge's engine restart.
     */
    private static final Duration OUTAGE = Duration.parse(System.getProperty("chaos.outage", "PT30S"));
    /** Writes per second of each writer (two per side). */
    private static final int RATE = 4;

    static RestartableKafka kafka;
    static RestartablePostgres coreServer;
    static Stack stack;
    static StackConfig config;

    @BeforeAll
    static void startStack() throws Exception {
        kafka = RestartableKafka.start();
        coreServer = RestartablePostgres.start();
        Path root = Path.of("").toAbsolutePath().getParent();
        Path work = Files.createDirectories(Path.of("target", TestInfra.uniqueName("chaos")).toAbsolutePath());
        Map<App, Integer> ports = new EnumMap<>(App.class);
        for (App app : App.values()) {
            ports.put(app, FreePorts.one());
        }
        // The legacy (and the unused gateway database) on the JVM's shared server, the core on a server of its own.
        config = new StackConfig(root, work, TestInfra.newDatabase("legacy"), coreServer.database("core"),
                TestInfra.newDatabase("gateway"), kafka.bootstrapServers(), TestInfra.newTopicPrefix(), ports,
                RunningStack.USERS, "e2e-signing-key-0123456789-0123456789", StackConfig.randomSecret());
        // No gateway: the writers call both applications directly, so both take every write.
        List<String> bothWritable = List.of("--ficus.ownership.enforce=false");
        stack = Stack.start(config, EnumSet.of(App.LEGACY_APP, App.NEW_CORE, App.LEGACY_ADAPTER, App.CDC_BRIDGE),
                Map.of(App.LEGACY_APP, bothWritable, App.NEW_CORE, bothWritable,
                        // Offsets in the legacy database; the engine is restarted at most 5 s after Kafka is back (the
                        // default waits up to 1 min).
                        App.CDC_BRIDGE, List.of("--ficus.cdc.offset-storage=jdbc", "--ficus.cdc.restart-max-backoff=5s"),
                        // Echo marks are purged all through the outages: a mark purged too early would let an echo
                        // through, which the version check below would see.
                        App.LEGACY_ADAPTER, List.of("--ficus.adapter.sync-marks.purge-interval=2s")));
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
        if (kafka != null) {
            kafka.close();
        }
        if (coreServer != null) {
            coreServer.close();
        }
    }

    /** The last acknowledged state of one ticket; {@code certain} is false once a write of it had no clear answer. */
    record Expected(String side, String title, int renames, boolean certain) {
    }

    /** One client of one side: registers, then creates and renames tickets at a steady pace until told to stop. */
    static final class Writer implements Runnable {
        final String name;
        final Http api;
        final Random random;
        final Map<String, Expected> tickets = new ConcurrentHashMap<>();
        final AtomicInteger acknowledged = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        volatile boolean writing = true;

        Writer(String name, Http api, long seed) {
            this.name = name;
            this.api = api;
            this.random = new Random(seed);
        }

        @Override
        public void run() {
            var client = api.signUp(name);
            String project = client.get("/api/projects").json().get(0).get("id").asString();
            List<String> certain = new ArrayList<>();
            long interval = TimeUnit.SECONDS.toNanos(1) / RATE;
            long next = System.nanoTime();
            for (int n = 0; writing; n++) {
                LockSupport.parkNanos(next - System.nanoTime());
                next = Math.max(next + interval, System.nanoTime() - interval);
                boolean create = certain.isEmpty() || random.nextInt(10) < 4;
                String id = create ? null : certain.get(random.nextInt(certain.size()));
                String title = name + " " + n;
                try {
                    if (create) {
                        var created = client.post("/api/projects/" + project + "/tickets",
                                Map.of("title", title, "description", "written by " + name, "assigneeIds", List.of()));
                        if (created.status() == 201) {
                            String newId = created.json().get("id").asString();
                            tickets.put(newId, new Expected(name, title, 0, true));
                            certain.add(newId);
                            acknowledged.incrementAndGet();
                        } else {
                            failed.incrementAndGet();
                        }
                    } else {
                        var renamed = client.patch("/api/tickets/" + id, Map.of("title", title));
                        if (renamed.status() == 200) {
                            tickets.computeIfPresent(id, (k, e) -> new Expected(name, title, e.renames() + 1, true));
                            acknowledged.incrementAndGet();
                        } else {
                            uncertain(certain, id);
                        }
                    }
                } catch (RuntimeException noAnswer) {
                    if (id != null) {
                        uncertain(certain, id);
                    } else {
                        failed.incrementAndGet();
                    }
                }
            }
        }

        /** A rename without a clear answer: the ticket may hold either title, so it is only checked for agreement. */
        private void uncertain(List<String> certain, String id) {
            failed.incrementAndGet();
            certain.remove(id);
            tickets.computeIfPresent(id, (k, e) -> new Expected(e.side(), e.title(), e.renames(), false));
        }
    }

    @Test
    void everyAcknowledgedWriteOfBothSidesArrivesOnceThroughAKafkaOutageAndACoreDatabaseOutage() throws Exception {
        long started = System.nanoTime();
        var legacy = new Http(config.url(App.LEGACY_APP), null);
        var core = new Http(config.url(App.NEW_CORE), null);
        List<Writer> writers = List.of(new Writer("legacy0", legacy, 1), new Writer("legacy1", legacy, 2),
                new Writer("core0", core, 101), new Writer("core1", core, 102));
        List<Thread> threads = new ArrayList<>();
        for (Writer writer : writers) {
            var thread = new Thread(writer, "chaos-" + writer.name);
            thread.start();
            threads.add(thread);
        }
        // The sync flows both ways before the first outage.
        await().atMost(Duration.ofSeconds(120)).until(() -> arrivedEverywhere(writers) >= 20);

        Map<String, Integer> beforeKafka = acknowledgedBySide(writers);
        kafka.stop();
        log.info("Kafka stopped with {} writes acknowledged", beforeKafka);
        keepAway(OUTAGE, writers);
        Map<String, Integer> duringKafka = since(beforeKafka, acknowledgedBySide(writers));
        kafka.restart();
        log.info("Kafka back after {} s; writes acknowledged while it was away: {}", OUTAGE.toSeconds(), duringKafka);

        // A record that can never be translated (a ticket row without its id), while the load goes on.
        String poisonKey = UUID.randomUUID().toString();
        publishPoison(poisonKey);

        // The sync flows again before the next outage.
        int arrivedBefore = arrivedEverywhere(writers);
        await().atMost(Duration.ofSeconds(180)).until(() -> arrivedEverywhere(writers) > arrivedBefore + 20);

        Map<String, Integer> beforeCoreDb = acknowledgedBySide(writers);
        coreServer.stop();
        log.info("Core database stopped with {} writes acknowledged", beforeCoreDb);
        keepAway(OUTAGE, writers);
        Map<String, Integer> duringCoreDb = since(beforeCoreDb, acknowledgedBySide(writers));
        coreServer.restart();
        log.info("Core database back after {} s; writes acknowledged while it was away: {}", OUTAGE.toSeconds(), duringCoreDb);

        // Some more load after the second outage, then the writers stop.
        int arrivedAfter = arrivedEverywhere(writers);
        await().atMost(Duration.ofSeconds(180)).until(() -> arrivedEverywhere(writers) > arrivedAfter + 20);
        writers.forEach(w -> w.writing = false);
        for (Thread thread : threads) {
            thread.join(60_000);
        }
        Map<String, Expected> expected = new HashMap<>();
        writers.forEach(w -> expected.putAll(w.tickets));
        int acknowledged = writers.stream().mapToInt(w -> w.acknowledged.get()).sum();
        int failed = writers.stream().mapToInt(w -> w.failed.get()).sum();
        long uncertain = expected.values().stream().filter(e -> !e.certain()).count();
        log.info("Writers stopped: {} writes acknowledged, {} without a clear answer, {} tickets ({} of them uncertain)",
                acknowledged, failed, expected.size(), uncertain);

        // Every acknowledged write arrives in both stores.
        try {
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(2))
                    .untilAsserted(() -> assertThat(missing(expected)).as("tickets not yet in both stores as acknowledged").isEmpty());
        } catch (org.awaitility.core.ConditionTimeoutException notThere) {
            describe(expected, missing(expected));
            throw notThere;
        }
        // None twice in effect: one core version per acknowledged write, whichever side took it.
        Map<String, Long> versions = coreVersions();
        Map<String, Long> wrongVersions = new HashMap<>();
        expected.forEach((id, e) -> {
            if (e.certain() && !java.util.Objects.equals(versions.get(id), 1L + e.renames())) {
                wrongVersions.put(id + " (" + e.side() + ", " + e.renames() + " renames)", versions.get(id));
            }
        });
        assertThat(wrongVersions).as("core versions that are not 1 + acknowledged renames").isEmpty();
        // The poison record is set aside with its coordinates, and everything after it flowed (above).
        var deadLetters = Http.viewer(config, App.LEGACY_ADAPTER).get("/ficus/api/dead-letters");
        assertThat(deadLetters.status()).isEqualTo(200);
        List<String> deadKeys = new ArrayList<>();
        deadLetters.json().path("deadLetters").forEach(letter -> deadKeys.add(letter.path("key").asString()));
        assertThat(deadKeys).as("keys in the dead-letter list").contains(poisonKey);
        // Zero drift, entity by entity (users, projects, memberships and phases too).
        var report = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(2))
                .until(() -> ConvergenceIT.reconcile(stack), r -> r.path("report").path("types").properties().stream()
                        .allMatch(t -> ConvergenceIT.drift(t.getValue()) == 0));
        assertThat(report.path("state").asString()).isEqualTo("DONE");
        // Echo marks were purged meanwhile; the bridge kept its offsets in the legacy database, not in a file.
        long marksKept = Sql.count(config.legacyDb(), "select count(*) from ficus.sync_mark");
        assertThat(purgedMarks()).as("echo marks purged").isPositive();
        assertThat(Sql.count(config.legacyDb(), "select count(*) from ficus_cdc.cdc_offsets")).as("offset rows").isPositive();
        assertThat(config.workDirectory().resolve("cdc-offsets.dat")).doesNotExist();
        log.info("Echo marks: {} purged, {} kept", purgedMarks(), marksKept);
        log.info("Converged with zero drift: {}; wall time {} s", report.path("report").path("types"),
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
    }

    /**
     * Keeps a server away for {@code outage} while the writers go on: the outage is a fixed length of time by design,
     * nothing is waited for. Logs the writers' progress every 10 s.
     */
    static void keepAway(Duration outage, List<Writer> writers) throws InterruptedException {
        long end = System.nanoTime() + outage.toNanos();
        while (System.nanoTime() < end) {
            TimeUnit.NANOSECONDS.sleep(Math.min(TimeUnit.SECONDS.toNanos(10), end - System.nanoTime()));
            log.info("... away, writes acknowledged so far: {}", acknowledgedBySide(writers));
        }
    }

    /** {@code ficus.adapter.sync.marks.purged} as legacy-adapter's Prometheus endpoint reports it. */
    static double purgedMarks() {
        var metrics = new Http(config.url(App.LEGACY_ADAPTER), null).get("/actuator/prometheus");
        assertThat(metrics.status()).isEqualTo(200);
        return metrics.body().lines().filter(l -> l.startsWith("ficus_adapter_sync_marks_purged_total"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    /** Acknowledged writes per side so far. */
    static Map<String, Integer> acknowledgedBySide(List<Writer> writers) {
        Map<String, Integer> bySide = new HashMap<>();
        writers.forEach(w -> bySide.merge(w.name.replaceAll("\\d", ""), w.acknowledged.get(), Integer::sum));
        return bySide;
    }

    static Map<String, Integer> since(Map<String, Integer> before, Map<String, Integer> now) {
        Map<String, Integer> delta = new HashMap<>();
        now.forEach((side, n) -> delta.put(side, n - before.getOrDefault(side, 0)));
        return delta;
    }

    /** How many certain tickets both stores hold as acknowledged. */
    static int arrivedEverywhere(List<Writer> writers) throws Exception {
        Map<String, Expected> expected = new HashMap<>();
        writers.forEach(w -> expected.putAll(w.tickets));
        long certain = expected.values().stream().filter(Expected::certain).count();
        return (int) (certain - missing(expected).stream().filter(id -> expected.get(id).certain()).count());
    }

    /**
     * The tickets that are not yet in both stores as expected: a certain ticket with its acknowledged title, an
     * uncertain one with the same title on both sides.
     */
    static List<String> missing(Map<String, Expected> expected) throws Exception {
        Map<String, String> inLegacy = titles(config.legacyDb(), "select tkt_id, tkt_title from tkt_ticket where tkt_del_flg = 'N'");
        Map<String, String> inCore;
        try {
            inCore = titles(config.coreDb(), "select id::text, title from tickets_ticket");
        } catch (java.sql.SQLException away) {
            return List.copyOf(expected.keySet());
        }
        List<String> missing = new ArrayList<>();
        expected.forEach((id, e) -> {
            String legacyTitle = inLegacy.get(id);
            String coreTitle = inCore.get(id);
            boolean ok = e.certain() ? e.title().equals(legacyTitle) && e.title().equals(coreTitle)
                    : legacyTitle != null && legacyTitle.equals(coreTitle);
            if (!ok) {
                missing.add(id);
            }
        });
        return missing;
    }

    /** Logs, for each ticket not as expected, what was acknowledged and what each store holds, to find the cause. */
    static void describe(Map<String, Expected> expected, List<String> missing) throws Exception {
        Map<String, String> legacyRows = titles(config.legacyDb(), "select tkt_id, tkt_title || ' | del=' || tkt_del_flg"
                + " || ' | upd=' || tkt_upd_ts from tkt_ticket");
        Map<String, String> coreRows = titles(config.coreDb(), "select id::text, title || ' | v=' || version from tickets_ticket");
        for (String id : missing) {
            Expected e = expected.get(id);
            log.warn("not as acknowledged: ticket {} written by {} ({} renames, certain {}), acknowledged title '{}';"
                    + " legacy: {}; core: {}", id, e.side(), e.renames(), e.certain(), e.title(), legacyRows.get(id),
                    coreRows.get(id));
        }
    }

    static Map<String, String> titles(Database db, String sql) throws java.sql.SQLException {
        Map<String, String> titles = new HashMap<>();
        try (var c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
             var s = c.createStatement(); var rs = s.executeQuery(sql)) {
            while (rs.next()) {
                titles.put(rs.getString(1), rs.getString(2));
            }
        }
        return titles;
    }

    static Map<String, Long> coreVersions() throws java.sql.SQLException {
        Map<String, Long> versions = new HashMap<>();
        Database db = config.coreDb();
        try (var c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
             var s = c.createStatement(); var rs = s.executeQuery("select id::text, version from tickets_ticket")) {
            while (rs.next()) {
                versions.put(rs.getString(1), rs.getLong(2));
            }
        }
        return versions;
    }

    /** Publishes a ticket row change without its primary key onto the bridge's ticket topic, as if captured. */
    static void publishPoison(String key) throws Exception {
        String row = """
            {"before":null,
             "after":{"tkt_id":null,"prj_id":"%s","phs_id":null,"tkt_title":"poison","tkt_desc":null,
                      "tkt_due_ts":null,"tkt_assignees":null,"tkt_crt_ts":1764576000123456,
                      "tkt_upd_ts":1764576000123456,"tkt_del_flg":"N"},
             "source":{"version":"3.6.3.Final","connector":"postgresql","name":"legacy","ts_ms":1764576000200,
                       "snapshot":"false","db":"legacy","schema":"public","table":"tkt_ticket","txId":1,"lsn":1},
             "op":"c","ts_ms":1764576000300}
            """.formatted(UUID.randomUUID());
        try (var producer = new KafkaProducer<String, String>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            producer.send(new ProducerRecord<>(new Topics(config.topicPrefix()).legacyCdc("tkt_ticket"), key, row)).get(60, TimeUnit.SECONDS);
        }
    }
}
