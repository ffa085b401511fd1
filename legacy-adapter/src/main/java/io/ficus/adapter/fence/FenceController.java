package io.ficus.adapter.fence;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /ficus/api/sync/fence} with {@code {"direction":"LEGACY_TO_CORE"|"CORE_TO_LEGACY","timeout":"PT5S"}}
 * (timeout: an ISO-8601 duration or milliseconds; optional; capped): 200 with the stages once the
 * watermark is reached, 504 naming the stage that did not complete in time, 409 naming the stage
 * that could not be checked, 400 for a request it cannot read (nothing is written then).
 */
@RestController
class FenceController {

    private final SyncFence fence;
    private final JsonMapper json;

    FenceController(SyncFence fence, JsonMapper json) {
        this.fence = fence;
        this.json = json;
    }

    @PostMapping(path = "/ficus/api/sync/fence", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> fence(@RequestBody(required = false) String body) {
        Direction direction;
        Duration timeout;
        try {
            JsonNode request = body == null || body.isBlank() ? json.createObjectNode() : json.readTree(body);
            direction = direction(request.path("direction"));
            timeout = fence.timeout(timeout(request.path("timeout")));
        } catch (IllegalArgumentException e) {
            return error(HttpStatus.BAD_REQUEST, e.getMessage(), Map.of());
        } catch (RuntimeException e) {
            return error(HttpStatus.BAD_REQUEST, "The body is not JSON", Map.of());
        }
        try {
            return ResponseEntity.ok(fence.await(direction, timeout));
        } catch (FenceFailedException e) {
            var details = new LinkedHashMap<String, Object>();
            details.put("direction", e.direction());
            details.put("stage", e.stage());
            details.put("waitedMillis", e.waitedMillis());
            details.put("stages", e.completed());
            return error(e.timedOut() ? HttpStatus.GATEWAY_TIMEOUT : HttpStatus.CONFLICT, e.getMessage(), details);
        }
    }

    static Direction direction(JsonNode node) {
        if (!node.isString()) {
            throw new IllegalArgumentException("direction is required: LEGACY_TO_CORE or CORE_TO_LEGACY");
        }
        try {
            return Direction.valueOf(node.asString().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("direction must be LEGACY_TO_CORE or CORE_TO_LEGACY");
        }
    }

    /** An ISO-8601 duration ({@code PT5S}) or milliseconds (a number or digits); null when absent. */
    static Duration timeout(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        Duration timeout;
        if (node.isIntegralNumber()) {
            timeout = Duration.ofMillis(node.asLong());
        } else if (node.isString() && node.asString().matches("\\d{1,12}")) {
            timeout = Duration.ofMillis(Long.parseLong(node.asString()));
        } else if (node.isString()) {
            try {
                timeout = Duration.parse(node.asString());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("timeout must be an ISO-8601 duration such as PT5S, or milliseconds");
            }
        } else {
            throw new IllegalArgumentException("timeout must be an ISO-8601 duration such as PT5S, or milliseconds");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        return timeout;
    }

    private static ResponseEntity<Map<String, Object>> error(HttpStatus status, String message, Map<String, Object> details) {
        var body = new LinkedHashMap<String, Object>();
        body.put("status", status.value());
        body.put("error", status.getReasonPhrase());
        body.put("message", message);
        body.putAll(details);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
    }
}
