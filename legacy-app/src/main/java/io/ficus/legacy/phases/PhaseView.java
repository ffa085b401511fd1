package io.ficus.legacy.phases;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A phase as the API shows it.
 *
 * @param id          phase id
 * @param projectId   its project
 * @param name        its name
 * @param position    0 for the first phase, without gaps
 * @param ticketCount live tickets in it
 */
@JsonPropertyOrder({"id", "projectId", "name", "position", "ticketCount"})
public record PhaseView(String id, String projectId, String name, int position, long ticketCount) {
}
