/**
 * The route catalog: which public API routes exist, which aggregate group each one writes, and
 * how a request is matched to a route (most specific path pattern first). Requests matching no
 * route belong to the legacy, the strangler's default.
 */
package io.ficus.gateway.catalog;
