package io.ficus.testkit;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import io.swagger.v3.parser.OpenAPIV3Parser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks HTTP exchanges against an OpenAPI document of {@code contracts} (Atlassian's
 * swagger-request-validator): the response must match the document (status, content type, body
 * schema), and a request that got a 2xx must match it too, so the document is neither looser nor
 * stricter than the application. An exchange that is no operation of the document (unknown path,
 * method not listed) and a 415 refusal, which the documents describe only in prose, are skipped.
 *
 * <p>The document is read from the source tree of {@code contracts} when the test runs inside the
 * build, else from the classpath ({@code openapi/<name>}, the {@code contracts} jar). A module that
 * uses this class depends on {@code swagger-request-validator-core} itself (optional here, so the
 * sandbox, which uses testkit's servers, does not carry it).
 */
public final class OpenApiContract {

    /** The public ticketing API. */
    public static final String TICKETING_API = "ticketing-api.yaml";
    /** The gateway's admin API. */
    public static final String ADMIN_API = "admin-api.yaml";

    private static final Set<String> NOT_AN_OPERATION = Set.of("validation.request.path.missing",
            "validation.request.operation.notAllowed");
    private static final Map<String, OpenApiContract> LOADED = new ConcurrentHashMap<>();

    /**
     * One exchange to check.
     *
     * @param method        request method
     * @param pathAndQuery  path and query as sent
     * @param payload       request body, or null
     * @param authorization the {@code Authorization} header sent, or null
     * @param status        response status
     * @param contentType   response {@code Content-Type}, or null
     * @param body          response body, or null
     */
    public record Exchange(String method, String pathAndQuery, String payload, String authorization, int status,
                           String contentType, String body) {

        /** The exchange of a {@link TestHttp} client. */
        public static Exchange of(TestHttp.Exchange e) {
            return new Exchange(e.method(), e.path(), e.payload(), e.authorization(), e.response().status(),
                    e.response().header("Content-Type"), e.response().body());
        }
    }

    /**
     * One violation of the document.
     *
     * @param operation the operation as {@code METHOD /path/{template}} (the path when the validator names none)
     * @param key       the validator's message key
     * @param message   the validator's message
     */
    public record Violation(String operation, String key, String message) {
        @Override
        public String toString() {
            return key + ": " + message;
        }
    }

    private final String name;
    private final OpenApiInteractionValidator validator;
    /** Path patterns to their templates, literal paths first (so /api/users/me is not taken for /api/users/{id}). */
    private final Map<Pattern, String> templates = new LinkedHashMap<>();
    private final Set<String> operations;

    private OpenApiContract(String name, String document) {
        this.name = name;
        this.validator = OpenApiInteractionValidator.createForInlineApiSpecification(document).build();
        var api = new OpenAPIV3Parser().readContents(document).getOpenAPI();
        api.getPaths().keySet().stream()
                .sorted((a, b) -> Boolean.compare(a.contains("{"), b.contains("{")))
                .forEach(t -> templates.put(Pattern.compile(t.replaceAll("\\{[^}]+}", "[^/]+")), t));
        this.operations = api.getPaths().entrySet().stream()
                .flatMap(e -> e.getValue().readOperationsMap().keySet().stream().map(m -> m.name() + " " + e.getKey()))
                .collect(Collectors.toUnmodifiableSet());
    }

    /** The document {@code openapi/<name>} of {@code contracts} (loaded once per JVM). */
    public static OpenApiContract of(String name) {
        return LOADED.computeIfAbsent(name, n -> new OpenApiContract(n, read(n)));
    }

    /** The document's name, for messages. */
    public String name() {
        return "openapi/" + name;
    }

    /**
     * Violations (errors only) of the document by one exchange; empty when it matches, or when it
     * is no operation of the document, or a 415.
     */
    public List<Violation> violations(Exchange e) {
        return check(e, true);
    }

    /**
     * Violations (errors only) of the document by one exchange, an exchange that is no operation of the document
     * included: for a document that must list every endpoint the application serves.
     */
    public List<Violation> strictViolations(Exchange e) {
        return check(e, false);
    }

    private List<Violation> check(Exchange e, boolean skipUndocumented) {
        if (skipUndocumented && e.status() == 415) {
            return List.of();
        }
        int query = e.pathAndQuery().indexOf('?');
        String path = query < 0 ? e.pathAndQuery() : e.pathAndQuery().substring(0, query);
        SimpleResponse.Builder response = SimpleResponse.Builder.status(e.status());
        if (e.contentType() != null) {
            response.withContentType(e.contentType());
        }
        if (e.body() != null && !e.body().isEmpty()) {
            response.withBody(e.body());
        }
        ValidationReport report = validator.validateResponse(path, Request.Method.valueOf(e.method()), response.build());
        if (skipUndocumented && report.getMessages().stream().anyMatch(m -> NOT_AN_OPERATION.contains(m.getKey()))) {
            return List.of();
        }
        if (e.status() / 100 == 2) {
            SimpleRequest.Builder request = new SimpleRequest.Builder(e.method(), path);
            if (e.payload() != null) {
                request.withBody(e.payload()).withContentType("application/json");
            }
            if (e.authorization() != null) {
                request.withAuthorization(e.authorization());
            }
            if (query >= 0) {
                for (String pair : e.pathAndQuery().substring(query + 1).split("&")) {
                    String[] kv = pair.split("=", 2);
                    request.withQueryParam(kv[0], URLDecoder.decode(kv.length > 1 ? kv[1] : "", StandardCharsets.UTF_8));
                }
            }
            report = report.merge(validator.validateRequest(request.build()));
        }
        List<Violation> violations = new ArrayList<>();
        for (var m : report.getMessages()) {
            if (m.getLevel() == ValidationReport.Level.ERROR) {
                String operation = e.method() + " " + m.getContext().flatMap(ValidationReport.MessageContext::getApiOperation)
                        .map(op -> op.getApiPath().original()).orElse(path);
                violations.add(new Violation(operation, m.getKey(), m.getMessage()));
            }
        }
        return violations;
    }

    /** The document's operations, as {@code METHOD /path/{template}}. */
    public Set<String> operations() {
        return operations;
    }

    /** The operation {@code METHOD /path/{template}} a request is, or null when it is none of the document's. */
    public String operation(String method, String pathAndQuery) {
        String path = pathAndQuery.contains("?") ? pathAndQuery.substring(0, pathAndQuery.indexOf('?')) : pathAndQuery;
        for (var entry : templates.entrySet()) {
            if (entry.getKey().matcher(path).matches()) {
                String operation = method + " " + entry.getValue();
                return operations.contains(operation) ? operation : null;
            }
        }
        return null;
    }

    private static String read(String name) {
        try {
            for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
                Path source = dir.resolve("contracts/src/main/resources/openapi").resolve(name);
                if (Files.exists(source)) {
                    return Files.readString(source, StandardCharsets.UTF_8);
                }
            }
            try (InputStream in = OpenApiContract.class.getClassLoader().getResourceAsStream("openapi/" + name)) {
                if (in == null) {
                    throw new IllegalStateException("openapi/" + name + " is neither in contracts/src/main/resources nor on the "
                            + "classpath (dependency io.ficus:contracts)");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
