package io.ficus.e2e.parity;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Checks recorded exchanges against the OpenAPI document of the API ({@code openapi/ticketing-api.yaml}
 * from {@code contracts}): every response must match it (status, content type, body schema), and
 * every request that got a 2xx must match it too. Exchanges that are not operations of the document
 * (unknown path, unsupported method) and 415 refusals, which the document describes only in prose,
 * are skipped, as legacy-app's own contract check does.
 */
final class ContractValidation {

    static final String DOCUMENT = "openapi/ticketing-api.yaml";

    /**
     * A violation of the document that an application is known to commit, listed so the suite
     * stays green; {@code app} is "legacy" or "core", {@code operation} "METHOD /path/{template}",
     * {@code message} a fragment of the validator's message. Each entry says why it is tolerated.
     */
    record Known(String app, String operation, int status, String message, String why) {
    }

    /** Known differences between the applications and the document (empty: none known). */
    static final List<Known> KNOWN = List.of();

    private static final Set<String> NOT_AN_OPERATION = Set.of("validation.request.path.missing", "validation.request.operation.notAllowed");
    private static OpenApiInteractionValidator validator;
    /** Exchanges checked so far (not skipped), for the suite's summary. */
    static final AtomicInteger checked = new AtomicInteger();

    private ContractValidation() {
    }

    private static synchronized OpenApiInteractionValidator validator() {
        if (validator == null) {
            try (InputStream in = ContractValidation.class.getClassLoader().getResourceAsStream(DOCUMENT)) {
                if (in == null) {
                    throw new IllegalStateException(DOCUMENT + " is not on the test classpath (dependency io.ficus:contracts)");
                }
                validator = OpenApiInteractionValidator.createForInlineApiSpecification(new String(in.readAllBytes(), StandardCharsets.UTF_8)).build();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return validator;
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
        if (e.status() == 415) {
            return List.of();
        }
        int query = e.path().indexOf('?');
        String path = query < 0 ? e.path() : e.path().substring(0, query);
        SimpleResponse.Builder response = SimpleResponse.Builder.status(e.status());
        if (e.contentType() != null) {
            response.withContentType(e.contentType());
        }
        if (e.body() != null && !e.body().isEmpty()) {
            response.withBody(e.body());
        }
        ValidationReport report = validator().validateResponse(path, Request.Method.valueOf(e.method()), response.build());
        if (report.getMessages().stream().anyMatch(m -> NOT_AN_OPERATION.contains(m.getKey()))) {
            return List.of();
        }
        checked.incrementAndGet();
        if (e.status() / 100 == 2) {
            SimpleRequest.Builder request = new SimpleRequest.Builder(e.method(), path);
            if (e.payload() != null) {
                request.withBody(e.payload()).withContentType("application/json");
            }
            if (e.token() != null) {
                request.withAuthorization("Bearer " + e.token());
            }
            if (query >= 0) {
                for (String pair : e.path().substring(query + 1).split("&")) {
                    String[] kv = pair.split("=", 2);
                    request.withQueryParam(kv[0], URLDecoder.decode(kv.length > 1 ? kv[1] : "", StandardCharsets.UTF_8));
                }
            }
            report = report.merge(validator().validateRequest(request.build()));
        }
        List<String> messages = new ArrayList<>();
        for (var m : report.getMessages()) {
            if (m.getLevel() != ValidationReport.Level.ERROR) {
                continue;
            }
            String operation = e.method() + " " + m.getContext().flatMap(ValidationReport.MessageContext::getApiOperation)
                    .map(op -> op.getApiPath().original()).orElse(path);
            boolean known = KNOWN.stream().anyMatch(k -> k.app().equals(app) && k.operation().equals(operation)
                    && k.status() == e.status() && m.getMessage().contains(k.message()));
            if (!known) {
                messages.add(m.getKey() + ": " + m.getMessage());
            }
        }
        return messages;
    }
}
