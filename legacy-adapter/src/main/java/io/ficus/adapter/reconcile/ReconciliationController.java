package io.ficus.adapter.reconcile;

import io.ficus.adapter.reconcile.ReconciliationReport.Mode;
import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /ficus/reconciliation?mode=full|incremental&since=<instant>&repair=true|false}
 * starts a reconciliation and answers 202 with the job; {@code GET /ficus/reconciliation/{id}}
 * shows its progress, then its report. Who started a run is logged with it.
 */
@RestController
class ReconciliationController {

    private static final Logger log = LoggerFactory.getLogger(ReconciliationController.class);

    private final ReconciliationJobs jobs;

    ReconciliationController(ReconciliationJobs jobs) {
        this.jobs = jobs;
    }

    @PostMapping("/ficus/reconciliation")
    ResponseEntity<ReconciliationJobs.Job> start(@RequestParam(defaultValue = "full") String mode,
                                                 @RequestParam(required = false) String since,
                                                 @RequestParam(defaultValue = "false") boolean repair,
                                                 Principal user) {
        Mode parsed;
        try {
            parsed = Mode.valueOf(mode.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("mode must be full or incremental, not '" + mode + "'");
        }
        Instant from;
        try {
            from = since == null ? null : Instant.parse(since);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("since must be an ISO-8601 instant such as 2026-11-23T10:00:00Z, not '" + since + "'");
        }
        var job = jobs.start(parsed, from, repair);
        log.info("Reconciliation {} ({}, repair={}) started by {}", job.id(), parsed, repair, user == null ? "(nobody)" : user.getName());
        return ResponseEntity.accepted().location(URI.create("/ficus/reconciliation/" + job.id())).body(job);
    }

    @GetMapping("/ficus/reconciliation/{id}")
    ResponseEntity<ReconciliationJobs.Job> get(@PathVariable UUID id) {
        var job = jobs.get(id);
        return job == null ? ResponseEntity.notFound().build() : ResponseEntity.ok(job);
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Map<String, Object>> badRequest(IllegalArgumentException e) {
        return ResponseEntity.badRequest().body(Map.of("status", 400, "error", "Bad Request", "message", e.getMessage()));
    }

    @ExceptionHandler(IllegalStateException.class)
    ResponseEntity<Map<String, Object>> unavailable(IllegalStateException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .body(Map.of("status", 503, "error", "Service Unavailable", "message", e.getMessage()));
    }
}
