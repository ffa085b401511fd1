/**
 * Write ownership: the legacy application accepts the writes of a route group only while the gateway says it owns
 * them, so a client or job that bypasses the gateway cannot give a group a second writer once its writes moved to the
 * new core.
 *
 * <p>The gateway is the source of truth. It pushes {@code PUT /ficus/ownership/{group}} (with its secret, {@code
 * X-Ficus-Gateway-Secret}, {@code ficus.security.gateway-secret}) with the owner, an epoch and the group's write routes
 * from its catalog: a revoke after a handover's DRAIN (answered once this application's writes of the group admitted
 * before it committed, so the sync fence taken afterwards covers them), a grant at the SWITCH, a re-grant when a
 * handover aborts, and the current ownership periodically. An older epoch than the recorded one is ignored (409). The
 * state is kept in the table {@code ficus_ownership} of the legacy database, which is not captured by CDC, and survives
 * a restart. Until the first push, the legacy owns every group (as the gateway's default, LEGACY, says).
 *
 * <p>A refused write gets 409 in the API's error shape and runs nothing; reads are never refused. {@code
 * ficus.ownership.enforce=false} turns the refusal off, for tests that write into both systems directly.
 */
package io.ficus.legacy.ownership;
