package io.ficus.testkit;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One PostgreSQL and one Kafka per JVM, shared by every test class, each class getting its
 * own database and topic prefix.
 *
 * <p>The servers start on first use and stop when the JVM exits, but only after Spring's
 * shutdown hooks have closed the application contexts that still use them (bounded wait).
 */
public final class TestInfra {

    /** Environment variable or system property choosing the servers. */
    public static final String MODE_VARIABLE = "FICUS_TEST_INFRA";

    private static final Logger log = LoggerFactory.getLogger(TestInfra.class);
    private static final AtomicInteger names = new AtomicInteger();
    private static final Set<String> springHookThreads = Set.of("SpringApplicationShutdownHook", "SpringContextShutdownHook");

    private static final java.util.List<Thread> stopAfter = new java.util.concurrent.CopyOnWriteArrayList<>();

    private static PostgresServer postgres;
    private static KafkaServer kafka;
    private static boolean hookRegistered;

    private TestInfra() {
    }

    /** The chosen mode: {@code embedded}, {@code containers} or {@code auto}. */
    public static String mode() {
        String value = System.getProperty(MODE_VARIABLE, System.getenv(MODE_VARIABLE));
        String mode = value == null || value.isBlank() ? "auto" : value.trim().toLowerCase(Locale.ROOT);
        if (!Set.of("embedded", "containers", "auto").contains(mode)) {
            throw new IllegalStateException(MODE_VARIABLE + " must be embedded, containers or auto, not '" + value + "'");
        }
        return mode;
    }

    private static boolean useContainers() {
        return switch (mode()) {
            case "containers" -> true;
            case "embedded" -> false;
            default -> dockerPresent() && ContainerServers.dockerAvailable();
        };
    }

    private static boolean dockerPresent() {
        try {
            Class.forName("org.testcontainers.DockerClientFactory");
        } catch (ClassNotFoundException e) {
            return false;
        }
        return System.getenv("DOCKER_HOST") != null || new java.io.File("/var/run/docker.sock").exists();
    }

    /** The JVM's shared PostgreSQL, started on first call. */
    public static synchronized PostgresServer postgres() {
        if (postgres == null) {
            long start = System.nanoTime();
            postgres = useContainers() ? ContainerServers.postgres() : EmbeddedPostgresServer.start(null, 0);
            log.info("PostgreSQL ready on port {} in {} ms", postgres.port(), millisSince(start));
            registerShutdownHook();
        }
        return postgres;
    }

    /** The JVM's shared Kafka broker, started on first call. */
    public static synchronized KafkaServer kafka() {
        if (kafka == null) {
            long start = System.nanoTime();
            kafka = useContainers() ? ContainerServers.kafka() : EmbeddedKafkaServer.start(null, 0);
            log.info("Kafka ready at {} in {} ms", kafka.bootstrapServers(), millisSince(start));
            registerShutdownHook();
        }
        return kafka;
    }

    /** A new database of its own on the shared server, named {@code <purpose>_<n>}. */
    public static Database newDatabase(String purpose) {
        return postgres().database(uniqueName(purpose));
    }

    /** A new topic prefix of its own, such as {@code t7.}, for the {@code Topics} of one test class. */
    public static String newTopicPrefix() {
        return uniqueName("t") + ".";
    }

    /** A name unique within this JVM and across JVMs sharing a server: {@code <purpose>_<n>_<random>}. */
    public static String uniqueName(String purpose) {
        String random = Long.toString(System.nanoTime() % 1_000_000, 36);
        return purpose.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_") + "_" + names.incrementAndGet() + "_" + random;
    }

    /**
     * Registers {@code hook} as a JVM shutdown hook that must finish before the shared servers
     * stop, for anything that still uses them while the JVM exits (applications started as
     * processes, for instance).
     */
    public static void addShutdownHookBeforeServersStop(Thread hook) {
        stopAfter.add(hook);
        Runtime.getRuntime().addShutdownHook(hook);
    }

    private static long millisSince(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    private static void registerShutdownHook() {
        if (hookRegistered) {
            return;
        }
        hookRegistered = true;
        Runtime.getRuntime().addShutdownHook(new Thread(TestInfra::stopAfterSpring, "ficus-testinfra-shutdown"));
    }

    private static void stopAfterSpring() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        java.util.stream.Stream.concat(stopAfter.stream(), Thread.getAllStackTraces().keySet().stream()
                        .filter(t -> springHookThreads.contains(t.getName())))
                .forEach(t -> {
                    long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                    if (left > 0) {
                        try {
                            t.join(left);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                });
        synchronized (TestInfra.class) {
            if (kafka != null) {
                kafka.close();
            }
            if (postgres != null) {
                postgres.close();
            }
        }
    }
}
