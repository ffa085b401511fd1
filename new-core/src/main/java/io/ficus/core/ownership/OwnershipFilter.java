package io.ficus.core.ownership;

import io.ficus.core.shared.ApiError;
import io.ficus.core.shared.GatewaySecret;
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
 * admitted writes in flight until their request (and the follow-ups run inside it) ended. A dry run ({@code
 * X-Ficus-Dry-Run: true}) passes: it changes nothing, and the dry-run filter checks the gateway's secret.
 */
class OwnershipFilter extends OncePerRequestFilter {

    static final String DRY_RUN = "X-Ficus-Dry-Run";
    static final String GATEWAY_SECRET = "X-Ficus-Gateway-Secret";

    private final Ownership ownership;
    private final GatewaySecret secret;
    private final JsonMapper json;

    OwnershipFilter(Ownership ownership, GatewaySecret secret, JsonMapper json) {
        this.ownership = ownership;
        this.secret = secret;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String dryRun = request.getHeader(DRY_RUN);
        // "true" is rolled back; any value without the secret is refused with 403 by the dry-run filter
        if (dryRun != null && ("true".equalsIgnoreCase(dryRun) || !secret.matches(request.getHeader(GATEWAY_SECRET)))) {
            chain.doFilter(request, response);
            return;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        Ownership.Admission admission;
        try {
            admission = ownership.admit(request.getMethod(), path);
        } catch (IllegalArgumentException e) {
            chain.doFilter(request, response); // a path or method Spring cannot parse: let the server refuse it
            return;
        }
        if (admission instanceof Ownership.Refused refused) {
            response.setStatus(HttpStatus.CONFLICT.value());
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.getOutputStream().write(json.writeValueAsBytes(ApiError.of(HttpStatus.CONFLICT, refused.message(),
                    request.getRequestURI())));
            return;
        }
        if (admission instanceof Ownership.Admitted admitted) {
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
