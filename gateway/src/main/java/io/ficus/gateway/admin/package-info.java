/**
 * The admin API under {@code /ficus/api/**}, behind HTTP Basic credentials from configuration:
 * routes with their mode and live figures, mode changes of a route or a whole group (with a
 * reason, audited; NEW may shadow the legacy for reads), the audit trail, and stored comparisons.
 */
package io.ficus.gateway.admin;
