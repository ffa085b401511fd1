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
 *
 * <h2>What a shadowed request costs its client (issue 15)</h2>
 * Everything that is only evidence runs beside the client's answer, never before it and never on the threads that
 * serve clients: the shadow call (its own Reactor Netty event loop, {@code ficus-shadow}, one thread, with its own
 * connection pool), the comparison (on that loop, when the answer arrives), redaction and storage
 * ({@code ficus-shadow-evidence}, two threads). The client's path keeps three small things: {@code admit} (a permit
 * of the route's rate limiter, Resilience4j's lock-free {@code AtomicRateLimiter}, and a look at the queue), the tee
 * of both bodies into capture buffers, and {@code submit} (an offer to a bounded queue and, when a slot is free,
 * handing the exchange to the shadow loop).
 *
 * <p>When the evidence cannot keep up it is shed, and the client never waits for it: beyond {@code max-rate}
 * comparisons a second per route and instance (default 200: more than any gate needs, and it bounds the CPU shadowing
 * takes from the clients on a busy instance), or while the queue is full, the request is routed exactly as in LEGACY
 * (nothing captured, no header copy). Later limits (queue memory, a queue that filled meanwhile, a held write finding
 * every call slot busy) drop the captured exchange. Each shed request is counted in
 * {@code ficus.gateway.shadow.shed{route, shadow, reason=rate|queue|memory|slots}} and as a SKIPPED comparison in the
 * evidence ({@code GET /ficus/api/evidence} counts, the console's routes page), so a summary shows how much was not
 * compared. Sampling by rate keeps the evidence unbiased across time (the permits refill every 100 ms), not across
 * routes: each route has its own limiter, so a busy route cannot starve a quiet one.
 *
 * <p><b>Writes of SHADOW groups stay on the path, on purpose</b> (issue 12, {@code write-hold} above zero): a write
 * is held until the core applied every change the legacy committed before it (the sync fence), then dry-run on the
 * core, and only then sent to the legacy. This is what makes the comparison of a write true: a dry run after the
 * legacy's answer may run on a core that already applied the legacy's own write through the sync (a duplicate, a
 * conflict, a changed version: a false MISMATCH). Its cost per write is one fence wait (the sync's lag, 0 when the
 * core is caught up) plus one dry-run round trip to the core, bounded by {@code write-hold} (2 s); the timer
 * {@code ficus.gateway.shadow.hold{outcome}} measures it. When a fence is missed the next writes are not held for
 * 10 s (LAGGED, hold-off), so a lagging sync costs a client at most one hold per 10 s. Dry runs use their own client
 * on the server's event loops (the write continues on the thread it would have used) and are never shed by rate.
 * The safe way off the path exists and is a setting: {@code write-hold: 0} dry-runs after the answer, and a dry run
 * that ended later than {@code write-race-margin} after the legacy answered is recorded LAGGED instead of compared;
 * it trades writes' evidence (more LAGGED under load) for their latency. It is not the default, because at a real
 * write rate the sync's lag exceeds the margin and most writes would prove nothing.
 *
 * <h2>Why {@link io.ficus.gateway.compare.JsonDiff} is not a library (issue 16, checked 2026-12-02)</h2>
 * zjsonpatch is built on Jackson 2 (the gateway parses with Jackson 3: every body would be parsed twice) and answers
 * with RFC 6902 operations, with no ignore paths and no unordered arrays: the rules would stay hand-written around
 * it. JsonUnit 5.0.0 reads Jackson 3 trees, ignores paths ({@code items[*].createdAt}) and array order, but on
 * {@code JsonDiffTest}'s cases: (1) it has no deep wildcard: {@code $..version} / {@code $.**.version}, which route
 * rules use, did not ignore {@code deep.x.version} in any spelling tried ({@code **.version}); (2) it compares
 * numbers by representation unless told a tolerance ({@code 1.0} vs {@code 1}, {@code 100} vs {@code 1e2}: DIFFERENT);
 * (3) the way to get differences without an exception is its {@code internal.Diff}, and its core needs opentest4j (a
 * test library) at run time; (4) on an equal 95-byte document it took 8-25 µs per diff against {@code JsonDiff}'s
 * 3-16 µs (same JVM options, interleaved, load average 14-23). Kept: 191 lines that the tests pin.
 */
package io.ficus.gateway.compare;
