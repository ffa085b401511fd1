/**
 * The strangler-fig gateway. Every {@code /api/**} request is proxied to the legacy app unless
 * the route catalog ({@code catalog}) and the runtime toggles ({@code toggles}) send it to the
 * new core; {@code proxy} does the per-request routing from an in-memory snapshot,
 * {@code compare} runs shadow calls off the response path and records structural JSON diffs,
 * and {@code admin} is the credentialed API engineers steer the migration with.
 */
package io.ficus.gateway;
