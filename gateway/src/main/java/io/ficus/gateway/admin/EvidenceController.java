package io.ficus.gateway.admin;

import static io.ficus.gateway.admin.AdminCalls.actor;
import static io.ficus.gateway.admin.AdminCalls.blocking;

import io.ficus.gateway.catalog.Mode;
import io.ficus.gateway.evidence.EvidenceAudit;
import io.ficus.gateway.evidence.EvidenceQuery;
import io.ficus.gateway.evidence.PolicyStore;
import io.ficus.gateway.evidence.PromotionGate;
import java.security.Principal;
import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The evidence part of the admin API: summaries per route and window, the minute timeline, the groups' promotion
 * policies and their readiness. Database work runs on the bounded-elastic scheduler.
 */
@RestController
@RequestMapping("/ficus/api")
class EvidenceController {

    private final EvidenceQuery evidence;
    private final PolicyStore policies;
    private final PromotionGate gate;
    private final EvidenceAudit audit;

    EvidenceController(EvidenceQuery evidence, PolicyStore policies, PromotionGate gate, EvidenceAudit audit) {
        this.evidence = evidence;
        this.policies = policies;
        this.gate = gate;
        this.audit = audit;
    }

    /**
     * The evidence of a window.
     *
     * @param window ISO-8601 duration of the window
     * @param from   its start
     * @param to     its end
     * @param routes per route
     */
    record EvidenceView(String window, java.time.Instant from, java.time.Instant to,
                        List<EvidenceQuery.RouteEvidence> routes) {
    }

    /**
     * The minute timeline.
     *
     * @param minutes per minute and route, oldest first
     */
    record MinutesView(List<EvidenceQuery.Minute> minutes) {
    }

    @GetMapping("/evidence")
    Mono<EvidenceView> evidence(@RequestParam(required = false) String window, @RequestParam(required = false) String route,
                                @RequestParam(required = false) String group) {
        Duration span = window(window);
        return blocking(() -> {
            EvidenceQuery.Evidence e = evidence.evidence(span, route, group);
            return new EvidenceView(e.window().toString(), e.from(), e.to(), e.routes());
        });
    }

    @GetMapping("/evidence/minutes")
    Mono<MinutesView> minutes(@RequestParam(required = false) String window, @RequestParam(required = false) String route) {
        Duration span = window == null ? Duration.ofHours(1) : window(window);
        return blocking(() -> new MinutesView(evidence.minutes(span, route)));
    }

    @GetMapping("/evidence/audit")
    Mono<List<EvidenceAudit.Entry>> audit(@RequestParam(required = false) String subject,
                                          @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > 500) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "limit must be between 1 and 500");
        }
        return blocking(() -> audit.entries(subject, limit));
    }

    @GetMapping("/groups/{group}/policy")
    Mono<PromotionGate.PolicyView> policy(@PathVariable String group) {
        return blocking(() -> PromotionGate.PolicyView.of(policies.policy(group)));
    }

    @PutMapping("/groups/{group}/policy")
    Mono<PromotionGate.PolicyView> changePolicy(@PathVariable String group, @RequestBody PromotionGate.PolicyView body,
                                                Principal user) {
        String actor = actor(user);
        if (body == null) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "a JSON body is required");
        }
        if (body.group() != null && !body.group().equals(group)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "group in the body must be absent or \"" + group + "\"");
        }
        return blocking(() -> PromotionGate.PolicyView.of(policies.save(body.policy(group), actor)));
    }

    @GetMapping("/groups/{group}/readiness")
    Mono<PromotionGate.Readiness> readiness(@PathVariable String group, @RequestParam(required = false) String to) {
        Mode mode;
        if (to == null) {
            mode = Mode.NEW;
        } else if ("CANARY".equals(to) || "NEW".equals(to)) {
            mode = Mode.valueOf(to);
        } else {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "to must be CANARY or NEW");
        }
        return blocking(() -> gate.readiness(group, mode));
    }

    private static Duration window(String text) {
        try {
            return EvidenceQuery.window(text);
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
        }
    }
}
