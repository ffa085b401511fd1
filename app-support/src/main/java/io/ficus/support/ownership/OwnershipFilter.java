package io.ficus.support.ownership;

import io.ficus.support.web.ErrorBody;
import java.util.function.Predicate;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses with 409 a write of a route group this application does not own, before anything runs, and counts the
 * admitted writes in flight until their request (its transaction, and in the core the follow-ups run inside it) ended.
 * A request the application exempts ({@link WriteGuardSettings#exempt()}) passes unadmitted.
 */
class OwnershipFilter extends OncePerRequestFilter {

    static final String GATEWAY_SECRET = io.ficus.contracts.Headers.GATEWAY_SECRET;

    private final WriteGuard ownership;
    private final Predicate<HttpServletRequest> exempt;
    private final JsonMapper json;

    OwnershipFilter(WriteGuard ownership, Predicate<HttpServletRequest> exempt, JsonMapper json) {
        this.ownership = ownership;
        this.exempt = exempt;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (exempt.test(request)) {
            chain.doFilter(request, response);
            return;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        WriteGuard.Admission admission;
        try {
            admission = ownership.admit(request.getMethod(), path);
        } catch (IllegalArgumentException e) {
            chain.doFilter(request, response); // a path or method Spring cannot parse: let the server refuse it
            return;
        }
        if (admission instanceof WriteGuard.Refused refused) {
            response.setStatus(HttpStatus.CONFLICT.value());
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.getOutputStream().write(json.writeValueAsBytes(ErrorBody.of(HttpStatus.CONFLICT, refused.message(),
                    request.getRequestURI())));
            return;
        }
        if (admission instanceof WriteGuard.Admitted admitted) {
            try {
                chain.doFilter(request, response);
            } finally {
                ownership.release(admitted);
            }
            return;
        }
        chain.doFilter(request, response);
    }
}
