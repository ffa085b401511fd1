/**
 * Safe cutover: a flip that moves a group's writes from one system to the other is a handover between every gateway
 * instance on the database, not a row update.
 *
 * <h2>Which flips are handovers</h2>
 * A flip that changes a group's write owner ({@code Toggle.writeOwner()}: the legacy in LEGACY and SHADOW, the core in
 * NEW). LEGACY↔SHADOW, shadowed reads on or off in NEW, and any change of a group without write routes stay plain
 * updates of the toggle store. CANARY is refused (409) for every route of a group that has write routes: it splits
 * callers, so it would give the group's aggregates two writers, and a canary read of data the other system wrote
 * misses the writes the sync has not carried over yet (a client would not read its own write). The rule lives in the
 * toggle store, so nothing that changes toggles can bypass it; CANARY remains for groups without writes ({@code
 * sessions}).
 *
 * <h2>The write gate</h2>
 * {@link io.ficus.gateway.cutover.WriteGate}: per group OPEN or HELD, with the group's writes in flight. A request of
 * a catalog write route is admitted (in-flight count incremented under the group's lock, decremented when its exchange
 * ends, however it ends) or waits on a sink, holding no thread, until the gate opens; then the routing decision is
 * taken from the toggles of that moment. A write held for {@code hold-timeout} gets 503 with {@code Retry-After}, never
 * a 502. Reads are never held. The gate also holds a lease on the database: without a successful round trip within
 * {@code lease}, every write of the instance waits (fail closed), so an instance cut off from the database never
 * routes a write by a snapshot older than the lease.
 *
 * <h2>Replicas agree</h2>
 * Each instance's {@link io.ficus.gateway.cutover.ReplicaAgent} heartbeats in {@code gateway_replica} every {@code
 * poll-interval} (heartbeat first, then it reads the handovers: a coordinator that inserted a handover after a
 * replica's read sees that replica's heartbeat and waits for it), follows {@code handover} rows and acknowledges stages
 * in {@code handover_ack}. An instance is live while its heartbeat is younger than the lease plus two poll intervals:
 * longer than the instance's own lease, so by the time the others stop waiting for a silent instance, it already holds
 * its writes. The agent starts before the web server takes requests and stops after it stopped.
 *
 * <h2>The coordinator</h2>
 * {@link io.ficus.gateway.cutover.Cutover}, on the instance that received the flip:
 * <ol>
 * <li>DRAIN: insert the handover DRAINING (a partial unique index allows one per group); every live instance closes
 *     the group's gate and acknowledges DRAINED once none of its writes of the group is in flight
 *     ({@code drain-timeout});</li>
 * <li>FENCE: legacy-adapter's {@code POST /ficus/api/sync/fence} waits until the new owner applied everything the old
 *     owner committed ({@code LEGACY_TO_CORE} towards the core, {@code CORE_TO_LEGACY} back; {@code fence-timeout});
 *     skipped, with a warning at startup, when {@code fence-url} is not set;</li>
 * <li>SWITCH: the toggles, their audit and SWITCHED commit in one transaction (the toggle store's one write path);</li>
 * <li>RELEASE: every live instance reloads its toggles and acknowledges SWITCHED ({@code drain-timeout}); then DONE,
 *     and each instance opens its gate when it sees DONE. Gates open only at DONE, not at each instance's own
 *     SWITCHED: a write admitted on one instance before another reloaded could be read back, through the other, from
 *     the system that does not have it yet.</li>
 * </ol>
 * Any stage that fails or times out ends ABORTED with the toggles unchanged (after the switch, the toggles are switched
 * back in one transaction with ABORTED; no write was admitted in between, since every gate stays closed until DONE),
 * and the flip is answered 409 (a replica or the sync did not catch up, another handover of the group runs) or 503 (the
 * fence could not be asked, the database failed), naming the stage and its figures. Every handover is kept in the
 * table with its actor, reason, coordinator and detail.
 *
 * <h2>A coordinator that dies</h2>
 * Each handover carries {@code expires_at} (both waits for the replicas, the fence and a lease). Past it, every
 * instance ends it: ABORTED if it had not switched, DONE if it had (the switch committed the new toggles, and each
 * instance reloads them before it opens its gate). The coordinator's own transitions check the bound, so a slow
 * coordinator cannot switch a handover the replicas already ended.
 *
 * <h2>What this does not cover</h2>
 * The drain counts gateway exchanges: a write whose exchange ended without its answer (the response timeout, a client
 * that went away) may still be running in the old owner, and a partitioned instance's writes in flight when it lost
 * the database are not waited for. Only the applications refusing writes of groups they do not own closes that gap.
 */
package io.ficus.gateway.cutover;
