package io.ficus.core.phases;

/** A phase with the number of tickets it holds. */
public record PhaseView(Phase phase, long ticketCount) {
}
