package io.ficus.e2e.parity;

import io.ficus.e2e.RunningStack;
import io.ficus.sandbox.App;
import io.ficus.sandbox.Stack;
import java.util.EnumSet;

/**
 * The legacy app and the new core started side by side from their jars, each on its own
 * database, without any sync between them, sharing only the token signing key.
 */
final class ParityStack {

    private static Stack stack;

    private ParityStack() {
    }

    static synchronized Stack get() {
        if (stack == null) {
            stack = Stack.start(RunningStack.config("parity"), EnumSet.of(App.LEGACY_APP, App.NEW_CORE));
            io.ficus.testkit.TestInfra.addShutdownHookBeforeServersStop(new Thread(stack::close, "parity-stack-shutdown"));
        }
        return stack;
    }
}
