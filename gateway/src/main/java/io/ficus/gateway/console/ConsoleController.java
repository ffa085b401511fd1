package io.ficus.gateway.console;

import java.io.IOException;
import java.security.Principal;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The console's own endpoints: its start page, who is logged in (so that a viewer's pages show no flip controls),
 * and the sync view the collector keeps. Everything else the pages show comes from the admin API.
 */
@RestController
class ConsoleController {

    private static final Resource ROUTES_PAGE = new ClassPathResource("static/ficus/routes.html");

    private final SyncCollector sync;

    ConsoleController(SyncCollector sync) {
        this.sync = sync;
    }

    /** The console's start page: the routes. */
    @GetMapping(path = {"/ficus", "/ficus/"}, produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<Resource> start() {
        return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).body(ROUTES_PAGE);
    }

    /**
     * Who is logged in.
     *
     * @param user     the user name
     * @param operator whether the user may flip and start reconciliations
     */
    record Me(String user, boolean operator) {
    }

    @GetMapping("/ficus/api/console/me")
    Me me(Authentication user) {
        boolean operator = user.getAuthorities().stream().anyMatch(a -> "ROLE_OPERATOR".equals(a.getAuthority()));
        return new Me(user.getName(), operator);
    }

    /** Lag per hop now and over the kept history, drift per entity type, and the console's reconciliations. */
    @GetMapping("/ficus/api/sync")
    SyncCollector.View sync() {
        return sync.view();
    }

    /** Starts a full reconciliation (report only, no repair) on legacy-adapter; an operator only. */
    @PostMapping("/ficus/api/sync/reconciliation")
    Mono<ResponseEntity<SyncCollector.Run>> reconcile(Principal user) {
        return Mono.fromCallable(() -> ResponseEntity.status(HttpStatus.ACCEPTED).body(sync.startReconciliation(user.getName())))
                .subscribeOn(Schedulers.boundedElastic())
                .onErrorMap(IllegalStateException.class, e -> new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage()))
                .onErrorMap(IOException.class, e -> new ResponseStatusException(HttpStatus.BAD_GATEWAY,
                        "legacy-adapter could not be reached: " + e.getClass().getSimpleName()));
    }

}
