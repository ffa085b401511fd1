package io.ficus.gateway.security;

import java.time.Duration;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.ReactiveAuthenticationManagerResolver;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Checks HTTP Basic credentials against the configured users, but first asks the {@link LoginLockout} whether the
 * (user name, client address) pair is locked out: a locked-out pair is refused without checking the password (so a
 * flood of guesses costs no hashing either), a wrong password counts, a right one resets the count.
 */
final class LockoutAuthenticationManager implements ReactiveAuthenticationManagerResolver<ServerWebExchange> {

    /** Refusal of a locked-out pair, answered with 429 and {@code Retry-After}. */
    static final class LockedOutException extends AuthenticationException {

        private final Duration remaining;

        LockedOutException(Duration remaining) {
            super("locked out");
            this.remaining = remaining;
        }

        Duration remaining() {
            return remaining;
        }
    }

    private final ReactiveAuthenticationManager users;
    private final LoginLockout lockout;
    private final ClientAddress clients;

    LockoutAuthenticationManager(ReactiveAuthenticationManager users, LoginLockout lockout, ClientAddress clients) {
        this.users = users;
        this.lockout = lockout;
        this.clients = clients;
    }

    @Override
    public Mono<ReactiveAuthenticationManager> resolve(ServerWebExchange exchange) {
        String address = clients.of(exchange.getRequest());
        return Mono.just(token -> {
            String user = token.getName();
            var locked = lockout.lockedFor(user, address);
            if (locked.isPresent()) {
                return Mono.error(new LockedOutException(locked.get()));
            }
            return users.authenticate(token)
                    .doOnNext(authenticated -> lockout.succeeded(user, address))
                    .doOnError(BadCredentialsException.class, wrong -> lockout.failed(user, address));
        });
    }
}
