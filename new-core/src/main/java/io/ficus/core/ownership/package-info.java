/**
 * Write ownership: the new core accepts the writes of a route group only while the gateway says it owns them, so a
 * client or job that bypasses the gateway cannot give a group a second writer. The guard (admission, the ownership API
 * the gateway pushes to, the drain of writes in flight on a revoke) is the app-support library's write guard
 * ({@code io.ficus.support.ownership}, where the design is described), the same jar the legacy application installs;
 * this module says who the core is, keeps the state in {@code ownership_group} and lets the gateway's dry runs (SHADOW)
 * pass. Other modules that need to know who owns a group's writes (the legacy-change applier) ask the library's
 * {@code WriteGuard} bean directly: a wrapper here would only repeat its API. Until the first push, the legacy owns
 * every group: the core refuses every write under {@code /api} (it does not know the routes yet).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Write ownership")
package io.ficus.core.ownership;
