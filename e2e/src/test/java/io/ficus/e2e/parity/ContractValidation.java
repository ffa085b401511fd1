package io.ficus.e2e.parity;

import io.ficus.testkit.OpenApiContract;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Checks recorded exchanges against the OpenAPI document of the API ({@code openapi/ticketing-api.yaml}
 * from {@code contracts}): every response must match it (status, content type, body schema), and
 * every request that got a 2xx must match it too. Exchanges that are not operations of the document
 * (unknown path, unsupported method) and 415 refusals, which the document describes only in prose,
 * are skipped, as legacy-app's own contract check does (both use testkit's {@link OpenApiContract}).
 */
final class ContractValidation {

    private static final OpenApiContract CONTRACT = OpenApiContract.of(OpenApiContract.TICKETING_API);
    static final String DOCUMENT = CONTRACT.name();

    /**
     * A violation of the document that an application is known to commit, listed so the suite
     * stays green; {@code app} is "legacy" or "core", {@code operation} "METHOD /path/{template}",
     * {@code message} a fragment of the validator's message. Each entry says why it is tolerated.
     */
    record Known(String app, String operation, int status, String message, String why) {
    }

    /** Known differences between the applications and the document (empty: none known). */
    static final List<Known> KNOWN = List.of();

    /** Exchanges checked so far (not skipped), for the suite's summary. */
    static final AtomicInteger checked = new AtomicInteger();

    private ContractValidation() {
    }

    /** Readable violations of the document by these exchanges of {@code app}, known differences left out. */
    static List<String> violations(String app, List<Session.Exchange> exchanges) {
        List<String> out = new ArrayList<>();
        for (var e : exchanges) {
            List<String> messages = violations(app, e);
            if (!messages.isEmpty()) {
                out.add(app + " " + e.request() + " -> " + e.status() + " [" + e.label() + "] " + e.body() + "\n    " + String.join("\n    ", messages));
            }
        }
        return out;
    }

    /** Violations of the document by one exchange, as "key: message", known differences left out. */
    static List<String> violations(String app, Session.Exchange e) {
        if (e.status() == 415 || CONTRACT.operation(e.method(), e.path()) == null) {
            return List.of();
        }
        checked.incrementAndGet();
        var exchange = new OpenApiContract.Exchange(e.method(), e.path(), e.payload(), e.token() == null ? null : "Bearer " + e.token(),
                e.status(), e.contentType(), e.body());
        List<String> messages = new ArrayList<>();
        for (var v : CONTRACT.violations(exchange)) {
            boolean known = KNOWN.stream().anyMatch(k -> k.app().equals(app) && k.operation().equals(v.operation())
                    && k.status() == e.status() && v.message().contains(k.message()));
            if (!known) {
                messages.add(v.toString());
            }
        }
        return messages;
    }
}
