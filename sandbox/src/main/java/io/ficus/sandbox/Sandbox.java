package io.ficus.sandbox;

import io.ficus.testkit.EmbeddedKafkaServer;
import io.ficus.testkit.EmbeddedPostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar sandbox/target/sandbox-<version>-exec.jar [--dir=.sandbox] [--seed-users=20]}: starts
 * PostgreSQL, Kafka and the five applications on their usual ports, prints what runs where,
 * and stops everything on Ctrl-C. On first start the legacy is seeded with a small population
 * (every seeded user's password is {@code ficus-seed}). Data, Kafka logs and CDC offsets stay in the directory, so
 * a restart continues where the last run stopped. The admin APIs get the documented operator and
 * viewer (bcrypt hashes of their passwords), and the gateway and new-core a gateway secret drawn
 * at random on every start.
 *
 * <p>{@code java -jar sandbox/target/sandbox-<version>-exec.jar hash-password} prints the
 * {@code {bcrypt}} hash of a password, for {@code ficus.security.users[i].password} elsewhere.
 */
public final class Sandbox {

    /** PostgreSQL's sandbox port; not 5432, so that a PostgreSQL already installed does not clash. */
    static final int POSTGRES_PORT = 15432;
    static final int KAFKA_PORT = 19092;
    /** The documented operator (flips, reconciliation, repair) of the gateway's and legacy-adapter's admin APIs. */
    static final StackConfig.User OPERATOR = new StackConfig.User("admin", "sandbox-admin", StackConfig.Role.OPERATOR);
    /** The documented viewer (reads routes, comparisons, audit and reports); legacy-adapter reads the modes with it. */
    static final StackConfig.User VIEWER = new StackConfig.User("viewer", "sandbox-viewer", StackConfig.Role.VIEWER);
    static final String JWT_SECRET = "ficus-sandbox-signing-key-change-me-0123456789";

    private Sandbox() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("hash-password")) {
            hashPassword();
            return;
        }
        Path dir = Path.of(option(args, "--dir=", ".sandbox")).toAbsolutePath();
        Path root = Path.of(option(args, "--root=", ".")).toAbsolutePath().normalize();
        Files.createDirectories(dir);
        long start = System.nanoTime();
        say("Starting PostgreSQL (data in %s) and Kafka ...", dir);
        var postgres = EmbeddedPostgresServer.start(dir.resolve("postgres"), POSTGRES_PORT);
        var kafka = EmbeddedKafkaServer.start(dir.resolve("kafka"), KAFKA_PORT);
        var config = new StackConfig(root, dir,
                postgres.database("legacy"), postgres.database("core"), postgres.database("gateway"),
                kafka.bootstrapServers(), "", Map.of(), java.util.List.of(OPERATOR, VIEWER), JWT_SECRET,
                StackConfig.randomSecret());
        say("Starting the applications (logs in %s) ...", dir.resolve("logs"));
        Stack stack;
        try {
            // A small demo population in the legacy on first start (skipped when users exist).
            // A full reconciliation every 5 minutes publishes ficus_adapter_reconciliation_drift.
            stack = Stack.start(config, java.util.EnumSet.allOf(App.class), Map.of(
                    App.LEGACY_APP, java.util.List.of("--ficus.seed.users=" + option(args, "--seed-users=", "20"),
                            "--ficus.seed.exit-when-done=false"),
                    App.LEGACY_ADAPTER, java.util.List.of("--ficus.adapter.reconciliation.every=5m")));
        } catch (RuntimeException e) {
            say("Sandbox failed to start: %s", e.getMessage());
            kafka.close();
            postgres.close();
            System.exit(1);
            return;
        }
        say("Waiting for the sync to flow both ways (consumers assigned, a change travelled legacy -> core -> legacy) ...");
        try {
            var probe = new SyncProbe(config).await(Duration.ofMinutes(3));
            say("The sync flows: consumers assigned in %d ms, legacy -> core caught up in %d ms, core -> legacy in %d ms.",
                    probe.assigned().toMillis(), probe.legacyToCore().toMillis(), probe.coreToLegacy().toMillis());
        } catch (RuntimeException e) {
            // The applications run; only the sync is not proven. Say so plainly rather than stop everything.
            say("WARNING: the sync is not flowing yet: %s. Writes reach the other system only once it does.", e.getMessage());
        }
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            say("Stopping ...");
            stack.close();
            kafka.close();
            postgres.close();
            say("Stopped.");
            stopped.countDown();
        }, "sandbox-shutdown"));
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
        say("""

                Ficus sandbox is up (%d s):
                  gateway         %s   <- clients call this; admin API at /ficus/api
                  console         %s/ficus/   <- open in a browser, log in with either user
                                    operator: user %s, password %s (flips, reconciliation)
                                    viewer:   user %s, password %s (reads evidence)
                  legacy-app      %s
                  new-core        %s
                  cdc-bridge      %s
                  legacy-adapter  %s   (reconciliation at /ficus/reconciliation, same users)
                  PostgreSQL      localhost:%d  (user postgres, password postgres; databases legacy, core, gateway)
                  Kafka           %s
                Ctrl-C stops everything; data stays in %s.
                """, seconds, config.url(App.GATEWAY), config.url(App.GATEWAY), OPERATOR.name(), OPERATOR.password(), VIEWER.name(), VIEWER.password(),
                config.url(App.LEGACY_APP),
                config.url(App.NEW_CORE), config.url(App.CDC_BRIDGE), config.url(App.LEGACY_ADAPTER),
                POSTGRES_PORT, kafka.bootstrapServers(), dir);
        stopped.await();
    }

    /**
     * {@code java -jar sandbox-<version>-exec.jar hash-password}: reads a password (without echo
     * on a terminal, else one line of standard input) and prints its bcrypt hash with Spring's
     * {@code {bcrypt}} prefix, as {@code ficus.security.users[i].password} takes it.
     */
    private static void hashPassword() throws java.io.IOException {
        char[] password;
        if (System.console() != null) {
            password = System.console().readPassword("Password: ");
        } else {
            String line = new java.io.BufferedReader(new java.io.InputStreamReader(System.in, java.nio.charset.StandardCharsets.UTF_8)).readLine();
            password = line == null ? new char[0] : line.toCharArray();
        }
        if (password == null || password.length == 0) {
            System.err.println("No password given.");
            System.exit(2);
            return;
        }
        System.out.println("{bcrypt}" + new org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder().encode(java.nio.CharBuffer.wrap(password)));
    }

    private static String option(String[] args, String name, String fallback) {
        for (String arg : args) {
            if (arg.startsWith(name)) {
                return arg.substring(name.length());
            }
        }
        return fallback;
    }

    private static void say(String format, Object... values) {
        System.out.println(String.format(format, values));
    }
}
