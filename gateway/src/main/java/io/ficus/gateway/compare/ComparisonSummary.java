package io.ficus.gateway.compare;

import io.ficus.gateway.catalog.Backend;
import java.time.Instant;

/**
 * A stored comparison without its bodies, for lists.
 *
 * @param id           sequence number
 * @param routeId      the route
 * @param requestId    the request's {@code X-Request-Id}
 * @param method       HTTP method
 * @param path         path and query
 * @param recordedAt   when it was stored
 * @param verdict      the verdict
 * @param primary      the system that answered the client; the other one was shadowed
 * @param legacyStatus the legacy's status
 * @param coreStatus   the new core's status
 * @param legacyMillis the legacy's time
 * @param coreMillis   the new core's time
 * @param differences  how many differences were found
 */
public record ComparisonSummary(long id, String routeId, String requestId, String method, String path, Instant recordedAt,
                                Verdict verdict, Backend primary, Integer legacyStatus, Integer coreStatus, Long legacyMillis,
                                Long coreMillis, int differences) {
}
