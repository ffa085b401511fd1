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
 */
public record ShadowExchange(CatalogRoute route, String requestId, HttpMethod method, String pathAndQuery,
                             HttpHeaders requestHeaders, byte[] requestBody, boolean requestOverflowed, Backend primary,
                             Answer answer, String error) {

    public ShadowExchange {
        if (primary == null) {
            throw new IllegalArgumentException("the primary backend is required");
        }
    }

    /** The backend the shadow call goes to: the one that did not answer the client. */
    public Backend shadow() {
        return primary.other();
    }
}
