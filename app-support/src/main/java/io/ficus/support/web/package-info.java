/**
 * The API's web conventions: the one error body for every failure (exception handler, container error page, and
 * Tomcat's own refusals through {@link io.ficus.support.web.JsonErrorReportValve}) and strict JSON binding, so bad
 * input is a 400 that names the field and never a 500. Both applications answer with these classes, so the gateway's
 * comparisons of their error bodies see the same bytes.
 *
 * <p>Request limits run first, in a filter, because what they guard against happens before any controller: a
 * malformed percent-encoding in the query string would fail when the container parses parameters (a 500), and a large
 * body would be read into memory by the JSON converter before anything could refuse it. So the query is checked as
 * bytes, a body whose {@code Content-Length} is over {@code ficus.web.max-body-size} is refused unread, and a body
 * without a length is read through a stream that fails as soon as it crosses the limit. A NUL character in any JSON
 * string is refused while binding (PostgreSQL cannot store one), so the first such field in the document is named,
 * whichever use case it was meant for.
 *
 * <p>What an application adds: an {@link io.ficus.support.web.IntegrityMessages} bean naming its unique constraints,
 * a {@link io.ficus.support.web.CallerArgumentResolver} for its caller type, and any advice of its own (asked before
 * {@code ApiExceptionHandler}, which is ordered last).
 */
package io.ficus.support.web;
