package io.ficus.gateway.compare;

import io.ficus.gateway.catalog.Backend;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One stored comparison, in full. Whichever system answered the client, the legacy's answer is in
 * the {@code legacy*} fields and the new core's in the {@code core*} fields, and differences read
 * legacy first.
 *
 * @param id             sequence number
 * @param routeId        the route
 * @param requestId      the request's {@code X-Request-Id}
 * @param method         HTTP method
 * @param path           path and query
 * @param recordedAt     when it was stored
 * @param verdict        the verdict
 * @param primary        the system that answered the client; the other one was shadowed
 * @param legacyStatus   the legacy's status, null when it gave none
 * @param coreStatus     the new core's status, null when it gave none
 * @param legacyMillis   the legacy's time to the end of its answer
 * @param coreMillis     the new core's time to the end of its answer
 * @param differences    where the answers differ
 * @param detail         explanation for ERROR and SKIPPED
 * @param requestHeaders request headers, credentials and cookies masked
 * @param requestBody    request body, configured fields masked
 * @param legacyBody     the legacy's body, configured fields masked
 * @param coreBody       the new core's body, configured fields masked
 */
public record Comparison(long id, String routeId, String requestId, String method, String path, Instant recordedAt,
                         Verdict verdict, Backend primary, Integer legacyStatus, Integer coreStatus, Long legacyMillis,
                         Long coreMillis, List<Difference> differences, String detail, Map<String, String> requestHeaders,
                         String requestBody, String legacyBody, String coreBody) {
}
