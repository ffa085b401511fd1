package io.ficus.gateway.compare;

import io.ficus.gateway.catalog.CatalogRoute;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

/**
 * A request the legacy has answered, handed over for shadowing.
 *
 * @param route             the catalog route
 * @param requestId         its {@code X-Request-Id}
 * @param method            HTTP method
 * @param pathAndQuery      raw path and query string
 * @param requestHeaders    the headers sent to the legacy
 * @param requestBody       the request body as sent
 * @param requestOverflowed whether the request body was larger than the capture limit
 * @param legacy            the legacy's answer, null when it failed
 * @param legacyError       why the legacy failed, null when it answered
 */
public record ShadowExchange(CatalogRoute route, String requestId, HttpMethod method, String pathAndQuery,
                             HttpHeaders requestHeaders, byte[] requestBody, boolean requestOverflowed, Answer legacy,
                             String legacyError) {
}
