/**
 * Tickets: created in their project's first phase, assigned only to accepted members, moved
 * between the project's phases, deleted. The module knows projects, phases and accepted members
 * from its own read models ({@code tickets_project}, {@code tickets_phase}, {@code tickets_member}),
 * fed by the other modules' events before the request that caused them is answered (see the shared
 * kernel), so a ticket created right after its project is accepted as on the legacy. Changes to
 * one project's tickets are serialised on that project's row in {@code tickets_project}. Unassigns
 * removed members and deleted users, and deletes a deleted project's tickets.
 */
package io.ficus.core.tickets;
