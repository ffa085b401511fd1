/**
 * Memberships: invitations, acceptance, roles and removal, with the invariant that a project
 * never loses its last accepted admin: every membership change, and the removal of a deleted
 * account's memberships, first takes the project's lock ({@link io.ficus.core.projects.ProjectLocks})
 * and counts the accepted admins in this module's own table, so of two concurrent changes that
 * would each leave one admin (two admins leaving, an admin demoting the other while leaving) the
 * second is refused with 409, as on the legacy. Makes each project's
 * creator its admin, removes a deleted project's memberships, and on an account deletion removes
 * the user's memberships and reports the projects they leave without an admin. Keeps read models
 * of which projects and users exist.
 *
 * <p><b>Shape.</b> API: the aggregate {@code Membership} (invited, accepted, re-roled and removed by package-private
 * methods that check their precondition, the last-admin rule through {@code MembershipRules}, and register their
 * event), {@code MembershipManagement} (the use cases, one transaction each: who may ask, then the aggregate),
 * {@code MembershipLegacyChanges} (applies the legacy's changes, called by the legacy module) and the module's events,
 * the family {@code MembershipEvent} in {@code shared.events} ({@code MembershipAdded}, {@code MembershipChanged},
 * {@code MembershipRemoved}: moving them here would make a cycle with projects). Inside: {@code MembershipReadModels}
 * keeps its read models of other modules' aggregates (synchronous listeners, inside the changing transaction);
 * {@code MembershipFollowUps} holds its cascades after other modules' decisions ({@code @FollowUp});
 * {@code MembershipRepository} stores a membership and publishes its registered events in the same transaction.
 */
package io.ficus.core.memberships;
