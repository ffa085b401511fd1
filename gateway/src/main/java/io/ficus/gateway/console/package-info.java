/**
 * The migration console at {@code /ficus/}: static pages (routes, comparisons, timeline, sync) that read the admin
 * API's JSON in the browser and render it with Mustache templates and Chart.js, both from WebJars, so there is no
 * front-end build. The pages poll every few seconds; an endpoint that is not there yet (404) is shown as "not
 * available" rather than breaking the page.
 *
 * <p>Why this shape: the pages depend only on the admin API's published JSON, not on the gateway's internals, so the
 * console and the API can change independently; the server side of the console is three small endpoints
 * ({@code /ficus/api/console/me}, {@code /ficus/api/sync}, {@code POST /ficus/api/sync/reconciliation}).
 *
 * <p>Off the proxy path: the sync view comes from {@link io.ficus.gateway.console.SyncCollector}, which samples
 * cdc-bridge's, legacy-adapter's and new-core's Prometheus endpoints on a thread of its own into a bounded ring;
 * a console request never calls another application, except starting a reconciliation (on the bounded-elastic
 * scheduler). The console's security (form login, session, CSRF) is in {@code io.ficus.gateway.security}.
 */
package io.ficus.gateway.console;
