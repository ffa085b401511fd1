/**
 * The write guard: an application accepts the writes of a route group only while the gateway says it owns them, so a
 * client or job that bypasses the gateway cannot give a group a second writer once its writes moved (issue 11). Both
 * the legacy application and the new core install it; each says only who it is and where it keeps the pushed state
 * ({@link io.ficus.support.ownership.WriteGuardSettings}).
 *
 * <p><b>Why a library.</b> The guard is the one piece of the migration that has to run inside the legacy: the gateway
 * can refuse what passes through it, but only the legacy sees a write that bypasses it. A real legacy would not have
 * this code written into it; it would get the guard as a jar dropped into its deployment (plus one table and a bean or
 * a few lines of configuration), exactly as legacy-app takes this module here, by auto-configuration. The new core takes
 * the same jar, so both sides refuse, count and drain writes by the same rules and answer the gateway alike.
 *
 * <p>The gateway is the source of truth. It pushes {@code PUT /ficus/ownership/{group}} (with its secret, {@code
 * X-Ficus-Gateway-Secret}, {@code ficus.security.gateway-secret}) with the owner, an epoch and the group's write routes
 * from its catalog: a revoke after a handover's DRAIN (answered once this application's writes of the group admitted
 * before it ended, so the sync fence taken afterwards covers them), a grant at the SWITCH, a re-grant when a handover
 * aborts, and the current ownership periodically. An older epoch than the recorded one is ignored (409), so a late push
 * never undoes a newer decision. The state is kept in a table of the application's database (not captured by CDC) and
 * survives a restart. Until the first push, the legacy owns every group (as the gateway's default, LEGACY, says): the
 * legacy admits every write, the core refuses every write under {@code /api} (it does not know the routes yet).
 *
 * <p>A refused write gets 409 in the API's error shape and runs nothing; reads are never refused. {@code
 * ficus.ownership.enforce=false} turns the refusal off, for tests that write into both systems directly; {@code
 * ficus.ownership.drain-timeout} bounds how long a revoke waits for the writes in flight.
 */
package io.ficus.support.ownership;
