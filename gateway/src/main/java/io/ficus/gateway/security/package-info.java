/**
 * Who may steer the migration: Spring Security (WebFlux) in front of the admin API, the console ({@code /ficus/**})
 * and the actuator, with named users from configuration ({@code ficus.security.users}).
 *
 * <ul>
 *   <li><b>Firewall, for every request.</b> Spring Security's {@code StrictServerWebExchangeFirewall}, registered as
 *       the {@code ServerWebExchangeFirewall} bean the {@code WebFilterChainProxy} uses, answers 400 (JSON) before
 *       anything routes for {@code ;}, encoded {@code /}, {@code .}, {@code %} or {@code \}, {@code //},
 *       {@code .}/{@code ..} segments, control characters and methods other than the standard seven. An earlier,
 *       hand-written filter compared the raw path with a prefix while WebFlux routed the decoded path without
 *       {@code ;} parameters, so {@code /ficus;x/api/...} and {@code /%66icus/api/...} reached the admin API without
 *       credentials.</li>
 *   <li><b>The same path as routing.</b> The guarded paths are {@code PathPattern}s on the request's parsed path, as
 *       WebFlux matches its handlers, and case-insensitive on top: whatever reaches an admin handler has passed the
 *       rules.</li>
 *   <li><b>Roles.</b> GET and HEAD on {@code /ficus/**} and the actuator need VIEWER; every other method on a guarded
 *       path needs OPERATOR (deny by default); OPERATOR implies VIEWER (a {@code RoleHierarchy} applied when the users
 *       are loaded). {@code /actuator/health} is anonymous and shows the status only.</li>
 *   <li><b>Stateless HTTP Basic for API clients.</b> A request with HTTP Basic creates no session and stores no
 *       security context; it needs no CSRF token (a cross-site page cannot add an {@code Authorization} header).
 *       401, 403, 429 and 400 answers are JSON in the gateway's error shape.</li>
 *   <li><b>Form login and a session for the console</b> ({@code ConsoleLogin}). A browser asking for a console page
 *       without credentials is redirected to {@code /ficus/login.html} (a request that does not accept
 *       {@code text/html}, and anything under {@code /ficus/api} or the actuator, still gets the JSON 401). The form
 *       posts to {@code /ficus/login}, is checked by the same users and the same lock-out, and gets a WebSession whose
 *       id changes on login; the security context is loaded from the session only when a {@code SESSION} cookie is
 *       sent. Because a cookie authenticates the browser, its changes (and the login and logout forms) need the CSRF
 *       token: the {@code XSRF-TOKEN} cookie ({@code SameSite=Strict}, path {@code /ficus}) echoed in
 *       {@code X-XSRF-TOKEN} or {@code _csrf}; without it 403 JSON. Roles are the same as for the API: a viewer's
 *       session gets 403 for a change.</li>
 *   <li><b>Lock-out.</b> After {@code ficus.security.lockout.max-failures} wrong passwords for one user name from one
 *       client address within the window, that pair gets 429 with {@code Retry-After} for the lock-out duration, even
 *       with the right password, without the password being hashed. The state lives in a bounded Caffeine cache.</li>
 *   <li><b>The proxied API is not touched.</b> The only security chain has a {@code securityMatcher}: a proxied
 *       request passes the firewall's checks and one path match, and nothing else: no security filter, no context,
 *       no session, no header added to its response.</li>
 * </ul>
 */
package io.ficus.gateway.security;
