/**
 * App support: the servlet-side plumbing that legacy-app and new-core install alike, as one library instead of two
 * copies that had to be kept word for word the same. The name says what it is for (supporting the two ticketing
 * applications the gateway routes to), not a layer: it holds nothing of either domain, and neither the gateway
 * (reactive) nor the sync applications use it.
 *
 * <ul>
 * <li>{@link io.ficus.support.web}: the API's answers to bad input and failures ({@code ErrorBody}, request limits,
 *     strict JSON, Tomcat's own refusals as JSON, input checks). Parity between the two applications' answers is the
 *     point of a strangler fig, so the code that produces them exists once; what truly differs (the names of each
 *     database's unique constraints, the core's answer to a lost version check, each caller type) stays in the
 *     application.</li>
 * <li>{@link io.ficus.support.ownership}: the write guard, which refuses the writes of a route group the gateway says
 *     the application does not own (issue 11).</li>
 * </ul>
 *
 * <p><b>Installed by auto-configuration</b> ({@code META-INF/spring/...AutoConfiguration.imports}), not by an
 * {@code @Import} in each application: having the jar on the classpath is enough, which is how a real legacy would
 * take it (a library dropped into its deployment, no change to its code but a bean or two saying what differs).
 * Auto-configuration also keeps these classes out of new-core's Spring Modulith modules: they are outside
 * {@code io.ficus.core}, so {@code ApplicationModules.verify()} sees them as a library, and every module test gets
 * them whichever modules it bootstraps. The web part applies to every servlet application; the write guard only where
 * the application declares a {@code WriteGuardSettings} bean. Configuration property names are those the
 * applications always had: {@code ficus.web.*}, {@code ficus.ownership.*}.
 */
package io.ficus.support;
