/**
 * Who may call the adapter's admin API ({@code /ficus/**}: reconciliation reports and runs,
 * repair).
 *
 * <p>Spring Security rather than a hand-written check: its {@code StrictHttpFirewall} refuses
 * the path tricks a prefix test misses ({@code /ficus;x/...}, {@code %66icus}, encoded
 * {@code /} and {@code .}, {@code //}, {@code ..}) with a JSON 400 before any matching, and its
 * matchers see the same normalised path as Spring MVC, so no handler is reachable by a path the
 * rules do not cover. Rules: GET/HEAD on {@code /ficus/**} needs {@code VIEWER}, any other
 * method there {@code OPERATOR} (which implies {@code VIEWER}), any other path (other than
 * health, info and the Prometheus scrape) needs a user; so a path that differs only in case
 * still asks for credentials.
 *
 * <p>Users are named, with a role each, and configured as password hashes
 * ({@code ficus.security.users}); the application refuses to start without one, with a
 * password in clear or {@code {noop}}, or while the retired {@code ficus.adapter.admin.*}
 * account is set. Stateless: HTTP Basic on every request, no session, no CSRF token (no
 * cookie is ever issued, so there is nothing a browser would send on its own).
 *
 * <p>Lock-out: wrong passwords are counted per user name and client address (the socket's, never
 * a forwarded header a client could choose); after {@code max-failures} within {@code window}
 * the pair gets 429 with {@code Retry-After} for {@code duration}, even with the right password.
 * Other addresses and other names are unaffected, so nobody can lock an operator out from
 * elsewhere. The counts live in a bounded map (least recently seen pair forgotten first): a
 * flood of names costs memory only up to {@code max-tracked}, at the price of forgetting
 * counts under such a flood.
 */
package io.ficus.adapter.security;
