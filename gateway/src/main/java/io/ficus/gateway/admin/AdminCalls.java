package io.ficus.gateway.admin;

import java.security.Principal;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** What the admin controllers share: who acts, and database work off the event loop with its errors as statuses. */
final class AdminCalls {

    private AdminCalls() {
    }

    /** The authenticated user's name; 401 when there is none. */
    static String actor(Principal user) {
        if (user == null || user.getName() == null || user.getName().isBlank()) {
            throw new ResponseStatusException(HttpStatus.UNAUTHORIZED, "Credentials of a ficus user are required");
        }
        return user.getName();
    }

    /** Runs blocking work on the bounded elastic scheduler: not found becomes 404, a refused argument 400. */
    static <T> Mono<T> blocking(Callable<T> work) {
        return Mono.fromCallable(work)
                .subscribeOn(Schedulers.boundedElastic())
                .onErrorMap(NoSuchElementException.class, e -> new ResponseStatusException(HttpStatus.NOT_FOUND, e.getMessage()))
                .onErrorMap(IllegalArgumentException.class,
                        e -> new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage()));
    }
}
