/**
 * Shadow traffic and comparison. After one backend has answered a shadowed request, the same
 * request goes to the other one, off the client's response path, through a bounded queue and a
 * bounded number of concurrent calls: overflow is dropped and counted. In SHADOW and for the legacy
 * share of a CANARY the legacy answers and the new core is shadowed (writes as a dry run); in NEW
 * with shadowed reads the new core answers and the legacy is shadowed for reads only, so writes,
 * which the new core owns and the sync carries, never reach it. Both answers are compared (status,
 * selected headers, structural JSON diff with per-route ignore paths, always legacy against core)
 * and the verdict is stored with the system that answered the client, redacted and
 * retention-bounded.
 *
 * <p>Redaction ({@link io.ficus.gateway.compare.Redactor}) covers everything stored: path and query,
 * headers, the three bodies (decoded with their declared charset, so a latin-1 login is parsed and its
 * password masked like any other), differences and details. Secret names are patterns, matched ignoring
 * case, so {@code newPassword} or {@code accessToken} need no entry of their own. What cannot be parsed
 * and mentions a secret name is not stored at all: a placeholder is, because a regular expression over
 * arbitrary text cannot promise to find every value. Dry runs carry the gateway secret
 * ({@link io.ficus.gateway.compare.GatewaySecret}), which the new core requires before it honours one.
 */
package io.ficus.gateway.compare;
