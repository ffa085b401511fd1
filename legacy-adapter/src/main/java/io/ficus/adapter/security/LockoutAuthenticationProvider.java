package io.ficus.adapter.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Checks a user name and password with the delegate unless the pair (user name, client address)
 * is locked out, and counts the outcome in {@link LoginLockout}.
 */
final class LockoutAuthenticationProvider implements AuthenticationProvider {

    private final AuthenticationProvider delegate;
    private final LoginLockout lockout;

    LockoutAuthenticationProvider(AuthenticationProvider delegate, LoginLockout lockout) {
        this.delegate = delegate;
        this.lockout = lockout;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String name = authentication.getName();
        String address = authentication.getDetails() instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : "unknown";
        var locked = lockout.lockedFor(name, address);
        if (locked.isPresent()) {
            throw new LockedOutException(locked.get());
        }
        try {
            Authentication result = delegate.authenticate(authentication);
            lockout.succeeded(name, address);
            return result;
        } catch (BadCredentialsException e) {
            lockout.failed(name, address);
            throw e;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
