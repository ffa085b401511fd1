/**
 * Web plumbing: the one error body for every failure (exception handler, container error page,
 * and Tomcat's own refusals through {@link io.ficus.legacy.web.JsonErrorReportValve}) and strict
 * JSON binding, so bad input is a 400 that names the field and never a 500.
 *
 * <p>Request limits run first, in a filter, because what they guard against happens before any
 * controller: a malformed percent-encoding in the query string would fail when the container
 * parses parameters (a 500), and a large body would be read into memory by the JSON converter
 * before anything could refuse it. So the query is checked as bytes, a body whose
 * {@code Content-Length} is over {@code ficus.web.max-body-size} is refused unread, and a body
 * without a length is read through a stream that fails as soon as it crosses the limit. A NUL
 * character in any JSON string is refused while binding (PostgreSQL cannot store one), so the
 * first such field in the document is named, whichever use case it was meant for. The new core
 * has the same classes and gives the same answers, word for word.
 */
package io.ficus.legacy.web;
