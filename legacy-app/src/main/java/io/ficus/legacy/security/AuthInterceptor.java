package io.ficus.legacy.security;

import io.ficus.legacy.users.UserRepository;
import io.ficus.support.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Requires a valid bearer token naming a live user on every API route except register and login.
 * Runs before the request body or path variables are read, so a caller without a token learns
 * nothing but 401.
 */
@Component
public class AuthInterceptor implements HandlerInterceptor {

    /** The request attribute holding the {@link Caller}. */
    public static final String CALLER = AuthInterceptor.class.getName() + ".caller";

    private final TokenService tokens;
    private final UserRepository users;

    AuthInterceptor(TokenService tokens, UserRepository users) {
        this.tokens = tokens;
        this.users = users;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw ApiException.unauthorized("a bearer token is required");
        }
        String email = tokens.verify(header.substring(7).trim())
                .orElseThrow(() -> ApiException.unauthorized("the bearer token is invalid or expired"));
        var user = users.findLiveByEmail(email)
                .orElseThrow(() -> ApiException.unauthorized("the bearer token names no current user"));
        request.setAttribute(CALLER, new Caller(user.getId(), user.getEmail()));
        return true;
    }
}
