/**
 * The events of memberships and phases, which stay shared because moving them into their modules would make cycles
 * that Spring Modulith refuses: projects keeps a read model of members (for its admin checks) while memberships reacts
 * to projects' events and takes their lock; phases counts tickets per phase while tickets keeps a read model of phases
 * (the first phase, a phase of the project). Every other module owns its events in its API package (users, projects,
 * tickets). Each event is a past-tense fact carrying the changed aggregate's full state (from {@code contracts}),
 * version and {@link io.ficus.core.shared.Origin}; the events of one aggregate form a sealed family
 * ({@code MembershipEvent}, {@code PhaseEvent}), so that a read model follows all of them with one listener.
 */
@org.springframework.modulith.NamedInterface("events")
package io.ficus.core.shared.events;
