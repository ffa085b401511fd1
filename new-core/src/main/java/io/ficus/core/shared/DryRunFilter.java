package io.ficus.core.shared;

import io.ficus.support.web.ErrorBody;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * A request marked {@code X-Ficus-Dry-Run: true} runs in one transaction that is rolled back whatever happened; only
 * with the gateway's {@code X-Ficus-Gateway-Secret}: without it, any {@code X-Ficus-Dry-Run} gets 403 and runs nothing.
 */
final class DryRunFilter extends OncePerRequestFilter implements Ordered {

    /** The header that asks for a dry run. */
    static final String DRY_RUN = io.ficus.contracts.Headers.DRY_RUN;

    /** The header with which the gateway proves a request comes from it. */
    static final String GATEWAY_SECRET = io.ficus.contracts.Headers.GATEWAY_SECRET;

    private final TransactionTemplate transaction;
    private final GatewaySecret secret;
    private final JsonMapper json;

    DryRunFilter(TransactionTemplate transaction, GatewaySecret secret, JsonMapper json) {
        this.transaction = transaction;
        this.secret = secret;
        this.json = json;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 101;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getHeader(DRY_RUN) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!secret.matches(request.getHeader(GATEWAY_SECRET))) {
            response.setStatus(HttpStatus.FORBIDDEN.value());
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.getOutputStream().write(json.writeValueAsBytes(ErrorBody.of(HttpStatus.FORBIDDEN,
                    DRY_RUN + " is accepted only from the gateway", request.getRequestURI())));
            return;
        }
        if (!"true".equalsIgnoreCase(request.getHeader(DRY_RUN))) {
            chain.doFilter(request, response);
            return;
        }
        transaction.executeWithoutResult(status -> {
            try {
                chain.doFilter(request, response);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (ServletException e) {
                throw new IllegalStateException(e);
            } finally {
                status.setRollbackOnly();
            }
        });
    }
}
