package io.ficus.e2e.parity;

import io.ficus.e2e.RunningStack;
import io.ficus.sandbox.App;
import io.ficus.sandbox.Stack;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * The legacy app and the new core started side by side from their jars, each on its own
 * database, without any sync between them, sharing only the token signing key, and each taking every write
 * ({@code ficus.ownership.enforce=false}).
 */
final class ParityStack {

    private static Stack stack;

    private ParityStack() {
    }

    static synchronized Stack get() {
        if (stack == null) {
            // Both apps take every write: no gateway tells them who owns which group, and the suite writes into both.
            List<String> noOwnership = List.of("--ficus.ownership.enforce=false");
            stack = Stack.start(RunningStack.config("parity"), EnumSet.of(App.LEGACY_APP, App.NEW_CORE),
                    Map.of(App.LEGACY_APP, noOwnership, App.NEW_CORE, noOwnership));
            io.ficus.testkit.TestInfra.addShutdownHookBeforeServersStop(new Thread(stack::close, "parity-stack-shutdown"));
        }
        return stack;
    }
}
