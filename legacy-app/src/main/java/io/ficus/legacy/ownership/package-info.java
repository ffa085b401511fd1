/**
 * Write ownership: the legacy application accepts the writes of a route group only while the gateway says it owns
 * them, so a client or job that bypasses the gateway cannot give a group a second writer once its writes moved to the
 * new core. The guard itself is the app-support library's ({@code io.ficus.support.ownership}, where the design is
 * described), dropped in as a real legacy would take it; this package only says who the legacy is, keeps the gateway's
 * secret ({@code ficus.security.gateway-secret}, optional here: without it no push is accepted, so the legacy keeps
 * what it recorded last), and the state lives in the table {@code ficus_ownership} (migration V20), which CDC does not
 * capture. Until the first push, the legacy owns every group.
 */
package io.ficus.legacy.ownership;
