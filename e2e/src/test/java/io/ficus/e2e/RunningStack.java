package io.ficus.e2e;

import io.ficus.sandbox.App;
import io.ficus.sandbox.Stack;
import io.ficus.sandbox.StackConfig;
import io.ficus.testkit.TestInfra;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * The one stack of this test JVM: the five applications started from their jars on free
 * ports, against the shared PostgreSQL and Kafka, started on first use and stopped at exit.
 */
public final class RunningStack {

    /**
     * The end-to-end tests' own admin users (not the sandbox's): an operator, a viewer, and a
     * viewer that only the hostile-input suite uses, to lock it out with wrong passwords.
     */
    public static final List<StackConfig.User> USERS = List.of(
            new StackConfig.User("e2e-operator", "e2e-operator-password", StackConfig.Role.OPERATOR),
            new StackConfig.User("e2e-viewer", "e2e-viewer-password", StackConfig.Role.VIEWER),
            new StackConfig.User("e2e-lockout", "e2e-lockout-password", StackConfig.Role.VIEWER));

    /**
     * The shared stack's tests write into both applications directly, around the gateway (convergence, echoes, hostile
     * input at each backend), so its applications take every write; stacks of their own (SafeCutoverIT,
     * WriteOwnershipIT) keep the sandbox's default, where an application refuses writes of groups it does not own.
     */
    private static final List<String> BOTH_WRITABLE = List.of("--ficus.ownership.enforce=false");

    private static Stack stack;

    private RunningStack() {
    }

    public static synchronized Stack get() {
        if (stack == null) {
            // Every comparison is stored (no match sampling, large per-route quotas): the suites look comparisons up
            // by request id (the hostile-input suite checks each one for secrets). Stack passes ficus.gateway.evidence.*
            // system properties of this JVM on to the gateway.
            System.setProperty("ficus.gateway.evidence.match-sample-every", "1");
            System.setProperty("ficus.gateway.evidence.matches-per-route", "100000");
            System.setProperty("ficus.gateway.evidence.mismatches-per-route", "100000");
            stack = Stack.start(config("stack"), EnumSet.allOf(App.class), Map.of(App.LEGACY_APP, BOTH_WRITABLE, App.NEW_CORE, BOTH_WRITABLE));
            io.ficus.testkit.TestInfra.addShutdownHookBeforeServersStop(new Thread(stack::close, "e2e-stack-shutdown"));
        }
        return stack;
    }

    /** A configuration of its own: new databases, topic prefix, free ports and work directory. */
    public static StackConfig config(String name) {
        try {
            Path root = Path.of("").toAbsolutePath().getParent();
            Path work = Files.createDirectories(Path.of("target", TestInfra.uniqueName(name)).toAbsolutePath());
            Map<App, Integer> ports = new EnumMap<>(App.class);
            for (App app : App.values()) {
                ports.put(app, freePort());
            }
            return new StackConfig(root, work,
                    TestInfra.newDatabase("legacy"), TestInfra.newDatabase("core"), TestInfra.newDatabase("gateway"),
                    TestInfra.kafka().bootstrapServers(), TestInfra.newTopicPrefix(), ports,
                    USERS, "e2e-signing-key-0123456789-0123456789", StackConfig.randomSecret());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
