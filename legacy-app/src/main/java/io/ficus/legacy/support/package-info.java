/**
 * Small helpers shared by the features: the legacy's clock (UTC, to the second), input checks, and the base of rows with application-assigned ids.
 */
package io.ficus.legacy.support;
