package io.ficus.legacy;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import io.swagger.v3.parser.OpenAPIV3Parser;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks live exchanges against the OpenAPI document in {@code contracts}: every response must
 * match the document (status, body schema), and every request that succeeded must match it too,
 * so the document is neither looser nor stricter than the app. Remembers which operations and
 * statuses were seen.
 */
public final class ContractCheck {

    /** Where the document lives in the source tree, relative to this module. */
    public static final Path DOCUMENT = Path.of("..", "contracts", "src", "main", "resources", "openapi", "ticketing-api.yaml");

    private static OpenApiInteractionValidator validator;
    private static Map<Pattern, String> templates;
    private static Set<String> operations;
    private static final Set<String> seen = ConcurrentHashMap.newKeySet();

    private ContractCheck() {
    }

    /** Operations in the document, as {@code METHOD /path/{template}}. */
    public static synchronized Set<String> operations() {
        init();
        return operations;
    }

    /** Operations seen so far, as {@code METHOD /path/{template}}, and statuses as {@code METHOD /path/{template} 409}. */
    public static Set<String> seen() {
        return Set.copyOf(seen);
    }

    static void check(String method, String pathAndQuery, String payload, String token, HttpResponse<String> response) {
        init();
        String path = pathAndQuery.contains("?") ? pathAndQuery.substring(0, pathAndQuery.indexOf('?')) : pathAndQuery;
        String template = template(path);
        String operation = method + " " + template;
        if (template == null || !operations.contains(operation) || response.statusCode() == 415) {
            return; // not an operation of the API, or a transport-level refusal the document describes in prose
        }
        seen.add(operation);
        seen.add(operation + " " + response.statusCode());
        SimpleResponse.Builder answer = SimpleResponse.Builder.status(response.statusCode());
        response.headers().firstValue("Content-Type").ifPresent(answer::withContentType);
        if (response.body() != null && !response.body().isEmpty()) {
            answer.withBody(response.body());
        }
        ValidationReport report = validator.validateResponse(path, Request.Method.valueOf(method), answer.build());
        if (response.statusCode() / 100 == 2) {
            SimpleRequest.Builder request = new SimpleRequest.Builder(method, path);
            if (payload != null) {
                request.withBody(payload).withContentType("application/json");
            }
            if (token != null) {
                request.withAuthorization("Bearer " + token);
            }
            if (pathAndQuery.contains("?")) {
                for (String pair : pathAndQuery.substring(pathAndQuery.indexOf('?') + 1).split("&")) {
                    String[] kv = pair.split("=", 2);
                    request.withQueryParam(kv[0], URLDecoder.decode(kv.length > 1 ? kv[1] : "", StandardCharsets.UTF_8));
                }
            }
            report = report.merge(validator.validateRequest(request.build()));
        }
        if (report.hasErrors()) {
            throw new AssertionError("exchange " + method + " " + pathAndQuery + " -> " + response.statusCode() + " " + response.body()
                    + " does not match " + DOCUMENT + ":\n" + report.getMessages().stream()
                    .map(m -> "  " + m.getKey() + ": " + m.getMessage()).collect(Collectors.joining("\n")));
        }
    }

    private static String template(String path) {
        for (var entry : templates.entrySet()) {
            if (entry.getKey().matcher(path).matches()) {
                return entry.getValue();
            }
        }
        return null;
    }

    private static String location() {
        if (Files.exists(DOCUMENT)) {
            return DOCUMENT.toAbsolutePath().normalize().toUri().toString();
        }
        var resource = ContractCheck.class.getResource("/openapi/ticketing-api.yaml");
        if (resource == null) {
            throw new IllegalStateException("OpenAPI document not found at " + DOCUMENT.toAbsolutePath() + " nor on the classpath");
        }
        return resource.toString();
    }

    private static synchronized void init() {
        if (validator != null) {
            return;
        }
        String location = location();
        validator = OpenApiInteractionValidator.createForSpecificationUrl(location).build();
        Map<Pattern, String> byPattern = new LinkedHashMap<>();
        var api = new OpenAPIV3Parser().read(location);
        // Literal paths first, so /api/users/me is not taken for /api/users/{id}.
        api.getPaths().keySet().stream()
                .sorted((a, b) -> Boolean.compare(a.contains("{"), b.contains("{")))
                .forEach(t -> byPattern.put(Pattern.compile(t.replaceAll("\\{[^}]+}", "[^/]+")), t));
        templates = byPattern;
        operations = api.getPaths().entrySet().stream()
                .flatMap(e -> e.getValue().readOperationsMap().keySet().stream().map(m -> m.name() + " " + e.getKey()))
                .collect(Collectors.toUnmodifiableSet());
    }
}
