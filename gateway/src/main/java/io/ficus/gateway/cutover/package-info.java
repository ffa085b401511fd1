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
 * <h2>Write ownership in the applications</h2>
 * The gates hold writes that come through the gateway; a client or job that calls an application directly does not
 * pass them. So each application also refuses the writes of a group it does not own (409 in the API's error shape,
 * nothing run; reads never refused; the core still takes the gateway's dry runs), and the gateway, the source of truth,
 * tells them who owns what ({@link io.ficus.gateway.cutover.OwnershipPusher}, {@code PUT /ficus/ownership/{group}} on
 * each application with the gateway secret, the owner, an epoch and the group's write routes from the catalog, so the
 * applications need no copy of it):
 * <ol>
 * <li>after DRAIN, the coordinator REVOKES the old owner, which stops admitting the group's writes and answers once
 *     those it admitted ended (bounded by its {@code ficus.ownership.drain-timeout}), so the FENCE taken afterwards
 *     covers every write the old owner ever accepted, through the gateway or not;</li>
 * <li>at SWITCH, once the toggles committed, it GRANTS the new owner;</li>
 * <li>a revoke or grant that fails (not reached, 503 for writes still running, 409 for a newer epoch) aborts the
 *     handover; an abort after the revoke gives the group back to the old owner on both applications (the new owner
 *     first), before the handover is marked ABORTED, so no instance releases its held writes to an old owner that
 *     still refuses them;</li>
 * <li>every instance's {@link io.ficus.gateway.cutover.OwnershipReconciler} pushes, every {@code reconcile-interval}
 *     and at its start, the ownership it stands by of each group not being handed over, read in one statement from the
 *     toggles and the group's last handover, so an application that was away, missed a push or lost an abort's give-back
 *     converges.</li>
 * </ol>
 * Epochs are the handover ids times three: {@code 3h} the revoke, {@code 3h+1} the grant, {@code 3h+2} the settled
 * ownership once handover {@code h} ended (the give-back of an abort, and every reconcile after it, DONE or ABORTED);
 * 0 for a group never handed over. They grow with every handover, so an application ignores (409) a push older than
 * the one it recorded: a reconcile that read the state just before a handover began cannot undo its revoke. A push of
 * an equal epoch is applied, so should the replicas end a handover DONE (past its bound) while its coordinator gives
 * the group back, the next reconcile settles it on the toggles' owner. During a handover neither application owns the group (the old one revoked, the new one not granted
 * yet). The applications keep what they were told in their own database ({@code ownership_group} in the core's, {@code
 * ficus_ownership} in the legacy's, not captured by CDC), so a restart keeps it; until the first push, the legacy owns
 * every group, as the gateway's default LEGACY says (the core then refuses every write under {@code /api}).
 * {@code /ficus/**} is never routed to a backend and the gateway drops every {@code X-Ficus-*} header of a client, so
 * only the gateway reaches the ownership API. {@code GET /ficus/api/ownership} (a viewer) shows what the gateway stands
 * by and its last push to each application; {@code GET /ficus/ownership} on an application (with the secret) what the
 * application recorded.
 *
 * <h2>What this does not cover</h2>
 * An application that was told it owns a group, then was cut off from the gateway, keeps taking the group's direct
 * writes until a push reaches it (a handover cannot complete without its revoke, so the gateway never routes the
 * group's writes to the other one meanwhile). With several instances of one application behind one URL, a push reaches
 * one instance: the others learn it only from the database at their restart, so run one instance of each application,
 * or push to each. A partitioned gateway instance's writes in flight when it lost the database are not waited for by
 * the drain, but the application's revoke waits for them (bounded), so they land before the fence or the handover aborts.
 */
package io.ficus.gateway.cutover;
