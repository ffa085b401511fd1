package io.ficus.legacy;

import io.ficus.testkit.OpenApiContract;
import io.ficus.testkit.TestHttp;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Checks live exchanges against the OpenAPI document in {@code contracts} (testkit's {@link OpenApiContract}): every
 * response must match the document (status, body schema), and every request that succeeded must match it too, so the
 * document is neither looser nor stricter than the app. Remembers which operations and statuses were seen.
 */
public final class ContractCheck {

    private static final OpenApiContract CONTRACT = OpenApiContract.of(OpenApiContract.TICKETING_API);
    private static final Set<String> seen = ConcurrentHashMap.newKeySet();

    private ContractCheck() {
    }

    /** Operations in the document, as {@code METHOD /path/{template}}. */
    public static Set<String> operations() {
        return CONTRACT.operations();
    }

    /** Operations seen so far, as {@code METHOD /path/{template}}, and statuses as {@code METHOD /path/{template} 409}. */
    public static Set<String> seen() {
        return Set.copyOf(seen);
    }

    static void check(TestHttp.Exchange exchange) {
        String operation = CONTRACT.operation(exchange.method(), exchange.path());
        int status = exchange.response().status();
        if (operation == null || status == 415) {
            return; // not an operation of the API, or a transport-level refusal the document describes in prose
        }
        seen.add(operation);
        seen.add(operation + " " + status);
        var violations = CONTRACT.violations(OpenApiContract.Exchange.of(exchange));
        if (!violations.isEmpty()) {
            throw new AssertionError("exchange " + exchange.method() + " " + exchange.path() + " -> " + status + " "
                    + exchange.response().body() + " does not match " + CONTRACT.name() + ":\n"
                    + violations.stream().map(v -> "  " + v).collect(Collectors.joining("\n")));
        }
    }
}
