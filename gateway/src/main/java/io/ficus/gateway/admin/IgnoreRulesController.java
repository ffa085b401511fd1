package io.ficus.gateway.admin;

import static io.ficus.gateway.admin.AdminCalls.actor;
import static io.ficus.gateway.admin.AdminCalls.blocking;

import io.ficus.gateway.catalog.CatalogRoute;
import io.ficus.gateway.catalog.RouteCatalog;
import io.ficus.gateway.compare.IgnoreRules;
import io.ficus.gateway.evidence.EvidenceAudit;
import java.security.Principal;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Ignore rules of a route at runtime: the configured ones (read-only here), and those stored in the gateway database,
 * added by an operator or learned as noise; every replica picks changes up within its refresh interval. Changes are
 * audited in the evidence audit.
 */
@RestController
@RequestMapping("/ficus/api/routes/{id}/ignore")
class IgnoreRulesController {

    private final RouteCatalog catalog;
    private final IgnoreRules rules;
    private final EvidenceAudit audit;

    IgnoreRulesController(RouteCatalog catalog, IgnoreRules rules, EvidenceAudit audit) {
        this.catalog = catalog;
        this.rules = rules;
        this.audit = audit;
    }

    /**
     * The ignore rules of a route.
     *
     * @param route      the route
     * @param configured the patterns from the configuration
     * @param stored     the patterns added at runtime (source RULE) or learned (source LEARNED)
     */
    record RulesView(String route, List<String> configured, List<IgnoreRules.Rule> stored) {
    }

    /**
     * A rule to add.
     *
     * @param path   the JSON path pattern, such as {@code $.updatedAt} or {@code $[*].id}
     * @param reason why; required, audited
     */
    record RuleChange(String path, String reason) {
    }

    @GetMapping
    Mono<RulesView> rules(@PathVariable String id) {
        CatalogRoute route = route(id);
        return blocking(() -> view(route));
    }

    @PostMapping
    Mono<RulesView> add(@PathVariable String id, @RequestBody RuleChange change, Principal user) {
        CatalogRoute route = route(id);
        String actor = actor(user);
        if (change == null || change.reason() == null || change.reason().isBlank() || change.reason().length() > 1000) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "a reason of at most 1000 characters is required");
        }
        return blocking(() -> {
            rules.add(route.id(), change.path(), actor);
            audit.record(actor, "IGNORE_RULE", route.id(), false, change.reason(), "added " + change.path());
            return view(route);
        });
    }

    @DeleteMapping
    Mono<RulesView> remove(@PathVariable String id, @RequestParam String path, @RequestParam String reason,
                           Principal user) {
        CatalogRoute route = route(id);
        String actor = actor(user);
        if (reason.isBlank()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "a reason is required");
        }
        return blocking(() -> {
            if (!rules.remove(route.id(), path)) {
                throw new NoSuchElementException("route " + route.id() + " has no stored ignore rule " + path);
            }
            audit.record(actor, "IGNORE_RULE", route.id(), false, reason, "removed " + path);
            return view(route);
        });
    }

    private RulesView view(CatalogRoute route) {
        return new RulesView(route.id(), route.ignore(), rules.rules(route.id()));
    }

    private CatalogRoute route(String id) {
        return catalog.route(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no route " + id));
    }
}
