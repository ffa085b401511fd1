package io.ficus.gateway.compare;

import io.ficus.gateway.catalog.Backend;
import io.ficus.gateway.catalog.CatalogRoute;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

/**
 * A request one backend has answered, handed over so the same request goes to the other one.
 *
 * @param route             the catalog route
 * @param requestId         its {@code X-Request-Id}
 * @param method            HTTP method
 * @param pathAndQuery      raw path and query string
 * @param requestHeaders    the headers sent to the primary
 * @param requestBody       the request body as sent
 * @param requestOverflowed whether the request body was larger than the capture limit
 * @param primary           the backend that answered the client: the legacy in SHADOW and CANARY, the new core in NEW
 *                          with shadowed reads
 * @param answer            the primary's answer, null when it failed
 * @param error             why the primary failed, null when it answered
 * @param preRun            the shadowed backend's answer when it was asked before the primary (a write's dry run on the
 *                          new core, run before the legacy took the write: {@link ShadowDispatcher#preRun}), else null
 */
public record ShadowExchange(CatalogRoute route, String requestId, HttpMethod method, String pathAndQuery,
                             HttpHeaders requestHeaders, byte[] requestBody, boolean requestOverflowed, Backend primary,
                             Answer answer, String error, PreRun preRun) {

    public ShadowExchange {
        if (primary == null) {
            throw new IllegalArgumentException("the primary backend is required");
        }
    }

    /** An exchange whose shadow call is made after the primary answered. */
    public ShadowExchange(CatalogRoute route, String requestId, HttpMethod method, String pathAndQuery,
                          HttpHeaders requestHeaders, byte[] requestBody, boolean requestOverflowed, Backend primary,
                          Answer answer, String error) {
        this(route, requestId, method, pathAndQuery, requestHeaders, requestBody, requestOverflowed, primary, answer, error,
                null);
    }

    /** The same exchange, answered by the primary. */
    public ShadowExchange answered(Answer primaryAnswer, String primaryError, byte[] body, boolean overflowed) {
        return new ShadowExchange(route, requestId, method, pathAndQuery, requestHeaders, body, overflowed, primary,
                primaryAnswer, primaryError, preRun);
    }

    /** The same exchange with the shadowed backend's answer obtained before the primary was asked. */
    public ShadowExchange withPreRun(PreRun result) {
        return new ShadowExchange(route, requestId, method, pathAndQuery, requestHeaders, requestBody, requestOverflowed,
                primary, answer, error, result);
    }

    /** The backend the shadow call goes to: the one that did not answer the client. */
    public Backend shadow() {
        return primary.other();
    }
}
