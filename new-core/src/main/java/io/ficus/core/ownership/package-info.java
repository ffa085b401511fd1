/**
 * Write ownership: the new core accepts the writes of a route group only while the gateway says it owns them, so a
 * client or job that bypasses the gateway cannot give a group a second writer.
 *
 * <p>The gateway is the source of truth. It pushes {@code PUT /ficus/ownership/{group}} (with its secret) with the
 * owner, an epoch and the group's write routes from its catalog: a revoke after a handover's DRAIN (answered once this
 * application's writes of the group admitted before it ended, so the sync fence taken afterwards covers them), a grant
 * at the SWITCH, a re-grant when a handover aborts, and the current ownership periodically. An older epoch than the
 * recorded one is ignored (409), so a late push never undoes a newer decision. The state is kept in {@code
 * ownership_group} and survives a restart. Until the first push, the legacy owns every group: the core refuses every
 * write under {@code /api} (it does not know the routes yet).
 *
 * <p>A refused write gets 409 in the API's error shape and runs nothing; reads are never refused; a dry run of the
 * gateway (SHADOW) passes. {@code ficus.ownership.enforce=false} turns the refusal off, for tests that write into both
 * systems directly.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Write ownership")
package io.ficus.core.ownership;
