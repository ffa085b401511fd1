/**
 * The admin API under {@code /ficus/api/**}: routes with their mode and live figures, mode changes of a route or a
 * whole group (with a reason, audited with the authenticated user's name; NEW may shadow the legacy for reads), the
 * audit trail, and stored comparisons. Who may call what (VIEWER reads, OPERATOR changes) is decided before a request
 * gets here, by {@code io.ficus.gateway.security}. Request bodies are read strictly, and bad input is answered with
 * a message that names the field, never an internal class.
 */
package io.ficus.gateway.admin;
