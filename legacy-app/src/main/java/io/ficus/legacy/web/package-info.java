/**
 * Web plumbing of the legacy: what is its own ({@code X-Request-Id} propagation, the names of its unique constraints
 * in its error answers). The rest, the one error body for every failure, request limits, strict JSON and Tomcat's
 * refusals as JSON, comes from the app-support library ({@code io.ficus.support.web}), which the new core installs too,
 * so both give the same answers word for word.
 */
package io.ficus.legacy.web;
