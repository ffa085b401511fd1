package io.ficus.support.ownership;

import io.ficus.support.web.ErrorBody;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.pattern.PathPatternParser;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway's ownership API, accepted only with its secret ({@code X-Ficus-Gateway-Secret}); the gateway never routes
 * {@code /ficus/**} to a backend.
 *
 * <ul>
 * <li>{@code PUT /ficus/ownership/{group}} with {@code {"owner":"legacy"|"core","epoch":n,"routes":[{"methods":["POST"],
 *     "path":"/api/..."}]}}: 200 with the recorded state once applied (a revoke, once this application's writes of the
 *     group admitted before it ended); 409 when an epoch at least as new is recorded; 503 when writes of the group
 *     still run here after {@code ficus.ownership.drain-timeout} (the group stays revoked).</li>
 * <li>{@code GET /ficus/ownership}: every group's owner, epoch and routes, and the writes in flight.</li>
 * </ul>
 */
@RestController
class OwnershipController {

    private static final Set<String> OWNERS = Set.of("legacy", "core");
    private static final PathPatternParser PARSER = new PathPatternParser();

    private final WriteGuard ownership;
    private final Predicate<String> secret;
    private final OwnershipProperties properties;
    private final JsonMapper json;

    OwnershipController(WriteGuard ownership, Predicate<String> secret, OwnershipProperties properties, JsonMapper json) {
        this.ownership = ownership;
        this.secret = secret;
        this.properties = properties;
        this.json = json;
    }

    @GetMapping("/ficus/ownership")
    ResponseEntity<?> show(@RequestHeader(name = OwnershipFilter.GATEWAY_SECRET, required = false) String given,
                           HttpServletRequest request) {
        if (!secret.test(given)) {
            return forbidden(request);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("application", ownership.self());
        body.put("enforce", properties.enforce());
        body.put("groups", ownership.grants().values());
        body.put("inFlight", ownership.inFlight());
        return ResponseEntity.ok(body);
    }

    @PutMapping("/ficus/ownership/{group}")
    ResponseEntity<?> push(@PathVariable String group,
                           @RequestHeader(name = OwnershipFilter.GATEWAY_SECRET, required = false) String given,
                           @RequestBody(required = false) String body, HttpServletRequest request) {
        if (!secret.test(given)) {
            return forbidden(request);
        }
        Grant grant;
        try {
            grant = parse(group, body);
        } catch (IllegalArgumentException | JacksonException e) {
            return error(HttpStatus.BAD_REQUEST, e instanceof JacksonException ? "the body is not valid JSON" : e.getMessage(), request);
        }
        WriteGuard.Applied applied = ownership.apply(grant);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("group", applied.grant().group());
        answer.put("owner", applied.grant().owner());
        answer.put("epoch", applied.grant().epoch());
        answer.put("owned", ownership.self().equals(applied.grant().owner()));
        answer.put("inFlight", applied.stillInFlight());
        answer.put("drainedMillis", applied.drainedMillis());
        if (applied.stale()) {
            answer.put("message", "epoch " + grant.epoch() + " is older than the recorded epoch " + applied.grant().epoch());
            return ResponseEntity.status(HttpStatus.CONFLICT).body(answer);
        }
        if (applied.stillInFlight() > 0) {
            answer.put("message", applied.stillInFlight() + " writes of group '" + group + "' still run here after "
                    + applied.drainedMillis() + " ms; the group stays revoked");
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(answer);
        }
        return ResponseEntity.ok(answer);
    }

    private Grant parse(String group, String body) {
        if (group == null || !group.matches("[a-z][a-z0-9-]{0,63}")) {
            throw new IllegalArgumentException("the group must be a lower-case name");
        }
        if (body == null || body.isBlank()) {
            throw new IllegalArgumentException("a body with owner, epoch and routes is required");
        }
        JsonNode node = json.readTree(body);
        String owner = node.path("owner").isString() ? node.path("owner").asString() : null;
        if (owner == null || !OWNERS.contains(owner)) {
            throw new IllegalArgumentException("'owner' must be legacy or core");
        }
        if (!node.path("epoch").isIntegralNumber() || node.path("epoch").asLong() < 0) {
            throw new IllegalArgumentException("'epoch' must be a number of at least 0");
        }
        if (!node.path("routes").isArray()) {
            throw new IllegalArgumentException("'routes' must be a list of {methods, path}");
        }
        List<Grant.WriteRoute> routes = new ArrayList<>();
        for (JsonNode route : node.path("routes")) {
            List<String> methods = new ArrayList<>();
            for (JsonNode method : route.path("methods")) {
                String name = method.asString().toUpperCase(Locale.ROOT);
                if (!name.matches("[A-Z]{1,16}") || HttpMethod.valueOf(name) == HttpMethod.GET) {
                    throw new IllegalArgumentException("a write route's methods must be HTTP methods other than GET");
                }
                methods.add(name);
            }
            String path = route.path("path").isString() ? route.path("path").asString() : "";
            if (methods.isEmpty() || !path.startsWith("/api/")) {
                throw new IllegalArgumentException("each route needs methods and a path under /api/");
            }
            try {
                PARSER.parse(path);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("route path " + path + " is not a valid pattern");
            }
            routes.add(new Grant.WriteRoute(methods, path));
        }
        return new Grant(group, owner, node.path("epoch").asLong(), routes);
    }

    private static ResponseEntity<ErrorBody> forbidden(HttpServletRequest request) {
        return error(HttpStatus.FORBIDDEN, "the ownership API is accepted only from the gateway", request);
    }

    private static ResponseEntity<ErrorBody> error(HttpStatus status, String message, HttpServletRequest request) {
        return ResponseEntity.status(status).body(ErrorBody.of(status, message, request.getRequestURI()));
    }
}
