package io.ficus.gateway.toggles;

import java.time.Instant;

/**
 * One recorded toggle change.
 *
 * @param id       sequence number
 * @param routeId  the route changed
 * @param group    its group
 * @param actor    who changed it
 * @param at       when
 * @param from     the toggle before, such as {@code LEGACY}
 * @param to       the toggle after, such as {@code CANARY 10%}
 * @param reason   the reason given
 */
public record AuditEntry(long id, String routeId, String group, String actor, Instant at, String from, String to,
                         String reason) {
}
