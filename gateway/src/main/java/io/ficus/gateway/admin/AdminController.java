package io.ficus.gateway.admin;

import io.ficus.gateway.catalog.CatalogRoute;
import io.ficus.gateway.catalog.Mode;
import io.ficus.gateway.catalog.RouteCatalog;
import io.ficus.gateway.catalog.Toggle;
import io.ficus.gateway.compare.Comparison;
import io.ficus.gateway.compare.ComparisonStore;
import io.ficus.gateway.compare.ComparisonSummary;
import io.ficus.gateway.compare.Verdict;
import io.ficus.gateway.cutover.Cutover;
import io.ficus.gateway.evidence.PromotionGate;
import io.ficus.gateway.toggles.AuditEntry;
import io.ficus.gateway.toggles.OwnershipConflictException;
import io.ficus.gateway.toggles.ToggleStore;
import java.security.Principal;
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
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The admin API. Database work runs on the bounded-elastic scheduler, never on an event loop. Who may call what is
 * decided before a request gets here ({@code io.ficus.gateway.security}); a change records the authenticated user's
 * name as its actor. Request bodies are read strictly ({@link StrictJson}), and input errors are answered by
 * {@link AdminInputErrors}.
 */
@RestController
@RequestMapping("/ficus/api")
class AdminController {

    private static final int MAX_PAGE = 500;
    private static final int MAX_REASON = 1000;

    private final RouteCatalog catalog;
    private final ToggleStore toggles;
    private final ComparisonStore comparisons;
    private final RouteFigures figures;
    private final Cutover cutover;
    private final PromotionGate gate;
    private final Gates gates;

    AdminController(RouteCatalog catalog, ToggleStore toggles, ComparisonStore comparisons, RouteFigures figures,
                    Cutover cutover, PromotionGate gate, Gates gates) {
        this.cutover = cutover;
        this.gate = gate;
        this.gates = gates;
        this.catalog = catalog;
        this.toggles = toggles;
        this.comparisons = comparisons;
        this.figures = figures;
    }

    /**
     * A route with its current toggle and live figures.
     *
     * @param id      route id
     * @param methods HTTP methods
     * @param path    path pattern
     * @param group   aggregate group
     * @param write   whether it changes state
     * @param mode    current mode
     * @param percent     canary percentage
     * @param shadowReads in NEW, whether reads are also sent to the legacy and compared
     * @param figures     live figures on this instance
     */
    record RouteView(String id, List<String> methods, String path, String group, boolean write, Mode mode, int percent,
                     boolean shadowReads, RouteFigures.Figures figures) {
    }

    /**
     * A requested mode change; the body states the whole toggle, so what it leaves out takes its default.
     *
     * @param mode        the new mode
     * @param percent     canary percentage, required for CANARY
     * @param shadowReads with mode NEW only: whether reads (GET, HEAD) are also sent to the legacy off the response path
     *                    and compared; false when absent, refused with any other mode
     * @param reason      why; required, recorded in the audit trail
     * @param force       promote although the group's evidence does not meet its policy; audited as forced
     */
    record ModeChange(Mode mode, Integer percent, Boolean shadowReads, String reason, Boolean force) {
    }

    @GetMapping("/routes")
    List<RouteView> routes() {
        return catalog.routes().stream().map(this::view).toList();
    }

    @GetMapping("/routes/{id}")
    RouteView route(@PathVariable String id) {
        return view(catalog.route(id).orElseThrow(() -> notFound("no route " + id)));
    }

    @PutMapping("/routes/{id}/mode")
    Mono<List<RouteView>> changeRoute(@PathVariable String id, @RequestBody ModeChange change, Principal user,
                                          ServerWebExchange exchange) {
        Toggle to = toggle(change);
        String actor = actor(user);
        return blocking(() -> cutover.flipRoute(id, to, actor, gates.check(catalog.route(id)
                        .orElseThrow(() -> new java.util.NoSuchElementException("no route " + id)).group(),
                        gate.gatedRoute(id, to.mode()), to.mode(), Boolean.TRUE.equals(change.force()), actor,
                        change.reason())))
                .doOnNext(flip -> flip.report(exchange.getResponse().getHeaders()))
                .map(group -> catalog.group(catalog.route(id).orElseThrow().group()).stream().map(this::view).toList());
    }

    @PutMapping("/groups/{group}/mode")
    Mono<List<RouteView>> changeGroup(@PathVariable String group, @RequestBody ModeChange change, Principal user,
                                          ServerWebExchange exchange) {
        Toggle to = toggle(change);
        String actor = actor(user);
        return blocking(() -> cutover.flipGroup(group, to, actor, gates.check(group, gate.gatedGroup(group, to.mode()),
                        to.mode(), Boolean.TRUE.equals(change.force()), actor, change.reason())))
                .doOnNext(flip -> flip.report(exchange.getResponse().getHeaders()))
                .map(changed -> catalog.group(group).stream().map(this::view).toList());
    }

    /**
     * One recorded toggle change.
     *
     * @param id      sequence number
     * @param routeId the route changed
     * @param group   its group
     * @param actor   who changed it: a user, or {@code auto-rollback}
     * @param at      when
     * @param from    the toggle before
     * @param to      the toggle after
     * @param reason  the reason given
     * @param forced  whether it was a promotion forced past the group's unmet policy
     */
    record AuditView(long id, String routeId, String group, String actor, java.time.Instant at, String from, String to,
                     String reason, boolean forced) {

        static AuditView of(AuditEntry e) {
            boolean forced = e.reason() != null && e.reason().startsWith(Gates.FORCED);
            return new AuditView(e.id(), e.routeId(), e.group(), e.actor(), e.at(), e.from(), e.to(),
                    forced ? e.reason().substring(Gates.FORCED.length()) : e.reason(), forced);
        }
    }

    @GetMapping("/audit")
    Mono<List<AuditView>> audit(@RequestParam(required = false) String routeId,
                                @RequestParam(defaultValue = "100") int limit) {
        return blocking(() -> toggles.audit(routeId, page(limit)).stream().map(AuditView::of).toList());
    }

    @GetMapping("/comparisons")
    Mono<List<ComparisonSummary>> comparisons(@RequestParam(required = false) String routeId,
                                              @RequestParam(required = false) Verdict verdict,
                                              @RequestParam(required = false) Long beforeId,
                                              @RequestParam(defaultValue = "50") int limit) {
        return blocking(() -> comparisons.list(routeId, verdict, beforeId, page(limit)));
    }

    @GetMapping("/comparisons/{id}")
    Mono<Comparison> comparison(@PathVariable long id) {
        return blocking(() -> comparisons.find(id).orElseThrow(() -> notFound("no comparison " + id)));
    }

    private RouteView view(CatalogRoute route) {
        Toggle toggle = toggles.snapshot().of(route.id());
        return new RouteView(route.id(), route.methods().stream().map(Object::toString).sorted().toList(), route.path(),
                route.group(), route.write(), toggle.mode(), toggle.percent(), toggle.shadowReads(), figures.of(route.id()));
    }

    /** The authenticated user's name, recorded as the actor; Spring Security lets no change through without one. */
    private static String actor(Principal user) {
        if (user == null || user.getName() == null || user.getName().isBlank()) {
            throw new ResponseStatusException(HttpStatus.UNAUTHORIZED, "Credentials of a ficus user are required");
        }
        return user.getName();
    }

    private static Toggle toggle(ModeChange change) {
        if (change == null || change.mode() == null) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "mode is required");
        }
        if (change.reason() == null || change.reason().isBlank()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "a reason is required");
        }
        if (change.reason().length() > MAX_REASON || change.reason().chars().anyMatch(Character::isISOControl)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "reason must be at most " + MAX_REASON + " characters without control characters");
        }
        if (change.mode() == Mode.CANARY && change.percent() == null) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "percent is required for CANARY");
        }
        try {
            return new Toggle(change.mode(), change.percent() == null ? 0 : change.percent(),
                    Boolean.TRUE.equals(change.shadowReads()));
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
        }
    }

    private static int page(int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "limit must be between 1 and " + MAX_PAGE);
        }
        return limit;
    }

    private static <T> Mono<T> blocking(Callable<T> work) {
        return Mono.fromCallable(work)
                .subscribeOn(Schedulers.boundedElastic())
                .onErrorMap(NoSuchElementException.class, e -> notFound(e.getMessage()))
                .onErrorMap(OwnershipConflictException.class, e -> new ResponseStatusException(HttpStatus.CONFLICT, e.getMessage()))
                .onErrorMap(Cutover.HandoverRefusedException.class, e -> new ResponseStatusException(e.status(), e.getMessage()))
                .onErrorMap(IllegalArgumentException.class, e -> new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage()));
    }

    private static ResponseStatusException notFound(String message) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, message);
    }
}
