package io.ficus.sandbox;

import io.ficus.testkit.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Starts the five applications as separate JVMs from their executable jars and stops them.
 *
 * <p>Legacy-app, new-core, gateway and legacy-adapter start together; cdc-bridge starts
 * once legacy-app is healthy, because it captures the tables legacy-app's migrations create.
 * Each application's output goes to {@code <workDirectory>/logs/<module>.log}.
 */
public final class Stack implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Stack.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(300);

    private final StackConfig config;
    private final Set<App> apps;
    private final Map<App, List<String>> extraArguments;
    private final Map<App, Process> processes = new EnumMap<>(App.class);
    /** A second gateway instance on the same gateway database, once {@link #startSecondGateway(int)} started it. */
    private Process secondGateway;
    private final Map<String, String> passwordHashes;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Stack(StackConfig config, Set<App> apps, Map<App, List<String>> extraArguments) {
        this.config = config;
        // Hashed once per stack (bcrypt is slow on purpose), so a restarted application gets the same ones.
        var encoder = new BCryptPasswordEncoder();
        this.passwordHashes = config.users().stream().collect(java.util.stream.Collectors.toUnmodifiableMap(
                StackConfig.User::name, user -> "{bcrypt}" + encoder.encode(user.password())));
        this.extraArguments = Map.copyOf(extraArguments);
        this.apps = apps.isEmpty() ? EnumSet.noneOf(App.class) : EnumSet.copyOf(apps);
    }

    /** Starts every application and returns once all are healthy. */
    public static Stack start(StackConfig config) {
        return start(config, EnumSet.allOf(App.class));
    }

    /**
     * Starts only the given applications (for instance legacy-app and new-core side by side,
     * without the sync between them) and returns once they are healthy.
     */
    public static Stack start(StackConfig config, Set<App> apps) {
        return start(config, apps, Map.of());
    }

    /** Starts the given applications, each with its extra command-line arguments, and returns once they are healthy. */
    public static Stack start(StackConfig config, Set<App> apps, Map<App, List<String>> extraArguments) {
        var stack = new Stack(config, apps, extraArguments);
        try {
            stack.startAll();
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    public StackConfig config() {
        return config;
    }

    private void startAll() {
        for (App app : List.of(App.LEGACY_APP, App.NEW_CORE, App.GATEWAY, App.LEGACY_ADAPTER)) {
            if (apps.contains(app)) {
                launch(app);
            }
        }
        if (apps.contains(App.CDC_BRIDGE)) {
            if (apps.contains(App.LEGACY_APP)) {
                awaitHealthy(App.LEGACY_APP);
            }
            launch(App.CDC_BRIDGE);
        }
        for (App app : apps) {
            awaitHealthy(app);
        }
    }

    /** Starts one application (again, after {@link #kill(App)} or {@link #stop(App)}). */
    public void launch(App app) {
        processes.put(app, spawn(app, arguments(app), app.module()));
    }

    /**
     * Starts a second gateway instance, on {@code port}, with the same configuration as the first (the same gateway
     * database, so both follow one toggle store and take part in each other's handovers), and returns its base URL
     * once it is healthy. Its output goes to {@code <workDirectory>/logs/gateway-2.log}; {@link #close()} stops it.
     * A stack has at most one; the first gateway need not run.
     */
    public synchronized String startSecondGateway(int port) {
        if (secondGateway != null && secondGateway.isAlive()) {
            throw new IllegalStateException("the second gateway runs already");
        }
        if (port == config.port(App.GATEWAY)) {
            throw new IllegalArgumentException("the second gateway needs a port of its own, not " + port);
        }
        List<String> args = new ArrayList<>(arguments(App.GATEWAY));
        args.set(0, "--server.port=" + port);
        secondGateway = spawn(App.GATEWAY, args, App.GATEWAY.module() + "-2");
        String url = "http://localhost:" + port;
        awaitHealthy(App.GATEWAY.module() + "-2", url, () -> secondGateway);
        return url;
    }

    private Process spawn(App app, List<String> arguments, String logName) {
        Path jar = jar(app);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("Missing " + jar + ": build the applications first (mvn install -DskipTests)");
        }
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xmx512m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-Dfile.encoding=UTF-8", "-jar", jar.toString()));
        command.addAll(arguments);
        command.addAll(extraArguments.getOrDefault(app, List.of()));
        try {
            Path logs = Files.createDirectories(config.workDirectory().resolve("logs"));
            var builder = new ProcessBuilder(command)
                    .directory(config.workDirectory().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve(logName + ".log").toFile()));
            builder.environment().keySet().removeIf(k -> k.startsWith("SPRING_") || k.startsWith("FICUS_"));
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + logName, e);
        }
    }

    private List<String> arguments(App app) {
        List<String> args = new ArrayList<>();
        args.add("--server.port=" + config.port(app));
        switch (app) {
            case LEGACY_APP -> {
                datasource(args, config.legacyDb());
                args.add("--ficus.security.jwt-secret=" + config.jwtSecret());
                // The gateway pushes which groups' writes each application owns with its secret.
                args.add("--ficus.security.gateway-secret=" + config.gatewaySecret());
            }
            case NEW_CORE -> {
                datasource(args, config.coreDb());
                args.add("--spring.kafka.bootstrap-servers=" + config.kafka());
                args.add("--ficus.core.topic-prefix=" + config.topicPrefix());
                args.add("--ficus.security.jwt-secret=" + config.jwtSecret());
                args.add("--ficus.security.gateway-secret=" + config.gatewaySecret());
            }
            case GATEWAY -> {
                datasource(args, config.gatewayDb());
                args.add("--ficus.gateway.legacy-url=" + config.url(App.LEGACY_APP));
                args.add("--ficus.gateway.core-url=" + config.url(App.NEW_CORE));
                args.add("--ficus.security.gateway-secret=" + config.gatewaySecret());
                users(args);
                // A flip that moves a group's writes waits for legacy-adapter's sync fence (an operator call).
                args.add("--ficus.gateway.handover.fence-url=" + config.url(App.LEGACY_ADAPTER));
                args.add("--ficus.gateway.handover.fence-username=" + config.operator().name());
                args.add("--ficus.gateway.handover.fence-password=" + config.operator().password());
                // Evidence: the sandbox gates promotions and rolls back automatically only for groups whose policy an
                // operator stored (PUT /ficus/api/groups/{group}/policy); any ficus.gateway.evidence.* system property
                // of this JVM overrides (gateway/README.md, "Evidence").
                evidenceDefaults(args);
                // The console's sync page samples the other applications and starts reconciliations as the operator.
                args.add("--ficus.gateway.console.cdc-bridge-url=" + config.url(App.CDC_BRIDGE));
                args.add("--ficus.gateway.console.adapter-url=" + config.url(App.LEGACY_ADAPTER));
                args.add("--ficus.gateway.console.core-url=" + config.url(App.NEW_CORE));
                args.add("--ficus.gateway.console.adapter-username=" + config.operator().name());
                args.add("--ficus.gateway.console.adapter-password=" + config.operator().password());
            }
            case LEGACY_ADAPTER -> {
                datasource(args, config.legacyDb());
                args.add("--spring.kafka.bootstrap-servers=" + config.kafka());
                args.add("--ficus.adapter.topic-prefix=" + config.topicPrefix());
                args.add("--ficus.adapter.reconciliation.core-db.url=" + config.coreDb().jdbcUrl());
                args.add("--ficus.adapter.reconciliation.core-db.username=" + config.coreDb().username());
                args.add("--ficus.adapter.reconciliation.core-db.password=" + config.coreDb().password());
                users(args);
                // Repair only reads the gateway's modes: the viewer's credential is enough.
                args.add("--ficus.adapter.reconciliation.gateway.url=" + config.url(App.GATEWAY));
                args.add("--ficus.adapter.reconciliation.gateway.username=" + config.viewer().name());
                args.add("--ficus.adapter.reconciliation.gateway.password=" + config.viewer().password());
                args.add("--ficus.adapter.fence.cdc-bridge-url=" + config.url(App.CDC_BRIDGE));
            }
            case CDC_BRIDGE -> {
                Database db = config.legacyDb();
                args.add("--spring.kafka.bootstrap-servers=" + config.kafka());
                args.add("--ficus.cdc.database.host=" + db.host());
                args.add("--ficus.cdc.database.port=" + db.port());
                args.add("--ficus.cdc.database.name=" + db.name());
                args.add("--ficus.cdc.database.username=" + db.username());
                args.add("--ficus.cdc.database.password=" + db.password());
                args.add("--ficus.cdc.slot-name=ficus_" + db.name());
                args.add("--ficus.cdc.publication-name=ficus_" + db.name());
                args.add("--ficus.cdc.topic-prefix=" + config.topicPrefix());
                args.add("--ficus.cdc.offset-file=" + config.workDirectory().resolve("cdc-offsets.dat"));
            }
        }
        return args;
    }

    /** {@code ficus.security.users[i].*}: each user's name, bcrypt hash and role. */
    private void users(List<String> args) {
        for (int i = 0; i < config.users().size(); i++) {
            StackConfig.User user = config.users().get(i);
            args.add("--ficus.security.users[" + i + "].name=" + user.name());
            args.add("--ficus.security.users[" + i + "].password=" + passwordHashes.get(user.name()));
            args.add("--ficus.security.users[" + i + "].roles=" + user.role().name());
        }
    }

    private static void datasource(List<String> args, Database db) {
        args.add("--spring.datasource.url=" + db.jdbcUrl());
        args.add("--spring.datasource.username=" + db.username());
        args.add("--spring.datasource.password=" + db.password());
    }

    private Path jar(App app) {
        String version = Stack.class.getPackage().getImplementationVersion();
        Path target = config.projectRoot().resolve(app.module()).resolve("target");
        if (version != null) {
            return target.resolve(app.module() + "-" + version + "-exec.jar");
        }
        try (var files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().startsWith(app.module() + "-")
                            && p.getFileName().toString().endsWith("-exec.jar"))
                    .findFirst().orElse(target.resolve(app.module() + "-exec.jar"));
        } catch (IOException e) {
            return target.resolve(app.module() + "-exec.jar");
        }
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** Waits until the application's health endpoint answers UP. */
    public void awaitHealthy(App app) {
        awaitHealthy(app.module(), config.url(app), () -> processes.get(app));
    }

    private void awaitHealthy(String name, String url, java.util.function.Supplier<Process> processOf) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        var request = HttpRequest.newBuilder(URI.create(url + "/actuator/health"))
                .timeout(Duration.ofSeconds(2)).GET().build();
        while (System.nanoTime() < deadline) {
            Process process = processOf.get();
            if (process == null || !process.isAlive()) {
                throw new IllegalStateException(name + " exited during startup; see "
                        + config.workDirectory().resolve("logs").resolve(name + ".log"));
            }
            try {
                var response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
                    log.info("{} is up on {}", name, url);
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
            process.onExit().completeOnTimeout(process, 200, TimeUnit.MILLISECONDS).join();
        }
        throw new IllegalStateException(name + " was not healthy within " + START_TIMEOUT.toSeconds() + " s");
    }

    /** Stops one application the hard way, as a crash would ({@code kill -9}). */
    public void kill(App app) {
        Process process = processes.remove(app);
        if (process != null) {
            process.destroyForcibly();
            process.onExit().join();
        }
    }

    /** Stops one application gracefully, waiting for it to finish its shutdown. */
    public void stop(App app) {
        Process process = processes.remove(app);
        if (process != null) {
            stop(app.module(), process);
        }
    }

    private static void stop(String name, Process process) {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                log.warn("{} did not stop within 30 s; killing it", name);
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /**
     * Stops every application: the capture first, so no change is read that cannot be passed
     * on, then all the others at once.
     */
    @Override
    public void close() {
        stop(App.CDC_BRIDGE);
        List<App> rest = List.copyOf(processes.keySet());
        rest.forEach(app -> processes.get(app).destroy());
        Process second;
        synchronized (this) {
            second = secondGateway;
            secondGateway = null;
        }
        if (second != null) {
            second.destroy();
        }
        rest.forEach(this::stop);
        if (second != null) {
            stop("gateway-2", second);
        }
    }

    /** The gateway's sandbox evidence defaults, then any {@code ficus.gateway.evidence.*} system property. */
    private static void evidenceDefaults(List<String> args) {
        java.util.Map<String, String> settings = new java.util.TreeMap<>(java.util.Map.of(
                "ficus.gateway.evidence.default-policy.min-comparisons", "0",
                "ficus.gateway.evidence.default-policy.max-mismatch-rate", "1",
                "ficus.gateway.evidence.default-policy.max-core-error-rate", "1",
                "ficus.gateway.evidence.default-policy.max-latency-ratio", "1000000",
                "ficus.gateway.evidence.default-policy.auto-rollback", "false"));
        System.getProperties().stringPropertyNames().stream().filter(name -> name.startsWith("ficus.gateway.evidence."))
                .forEach(name -> settings.put(name, System.getProperty(name)));
        settings.forEach((name, value) -> args.add("--" + name + "=" + value));
    }
}
