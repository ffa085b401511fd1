/**
 * Shadow traffic and comparison. After the legacy has answered a shadowed request, the same
 * request goes to the new core (writes as a dry run), off the client's response path, through a
 * bounded queue and a bounded number of concurrent calls: overflow is dropped and counted. Both
 * answers are compared (status, selected headers, structural JSON diff with per-route ignore
 * paths) and the verdict is stored, redacted and retention-bounded.
 */
package io.ficus.gateway.compare;
