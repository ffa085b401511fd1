package io.ficus.adapter.faults;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /ficus/api/dead-letters[?limit=100]} (a viewer): the newest dead letters, oldest
 * first, with their coordinates and error but never their value. {@code GET
 * /ficus/api/dead-letters/{id}} one of them. {@code POST /ficus/api/dead-letters/{id}/replay} (an
 * operator): publishes it again to its source topic, after its cause was fixed; 202 with where it
 * went, 404 when there is no such dead letter, 400 for an id that is not {@code <partition>-<offset>}.
 */
@RestController
class DeadLetterController {

    private static final int MAX_LIMIT = 1000;

    private final DeadLetters deadLetters;

    DeadLetterController(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GetMapping(path = "/ficus/api/dead-letters", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> list(@RequestParam(name = "limit", required = false) String limit) {
        int n;
        try {
            n = limit == null ? 100 : Integer.parseInt(limit);
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 1 || n > MAX_LIMIT) {
            return error(HttpStatus.BAD_REQUEST, "limit must be a whole number from 1 to " + MAX_LIMIT);
        }
        return ResponseEntity.ok(Map.of("deadLetters", deadLetters.list(n)));
    }

    @GetMapping(path = "/ficus/api/dead-letters/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> one(@PathVariable("id") String id) {
        try {
            return deadLetters.find(id).<ResponseEntity<?>>map(ResponseEntity::ok)
                    .orElseGet(() -> error(HttpStatus.NOT_FOUND, "no dead letter " + id));
        } catch (IllegalArgumentException e) {
            return error(HttpStatus.BAD_REQUEST, e.getMessage());
        }
    }

    @PostMapping(path = "/ficus/api/dead-letters/{id}/replay", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> replay(@PathVariable("id") String id) throws Exception {
        try {
            return deadLetters.replay(id).<ResponseEntity<?>>map(r -> ResponseEntity.status(HttpStatus.ACCEPTED).body(r))
                    .orElseGet(() -> error(HttpStatus.NOT_FOUND, "no dead letter " + id));
        } catch (IllegalArgumentException e) {
            return error(HttpStatus.BAD_REQUEST, e.getMessage());
        }
    }

    private static ResponseEntity<Map<String, Object>> error(HttpStatus status, String message) {
        var body = new LinkedHashMap<String, Object>();
        body.put("status", status.value());
        body.put("error", status.getReasonPhrase());
        body.put("message", message);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
    }
}
