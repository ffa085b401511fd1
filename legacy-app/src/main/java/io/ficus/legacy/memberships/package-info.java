/**
 * Memberships: invitations (state OPEN), acceptance by the invitee, role changes by admins, removal with unassignment; never a project without an accepted admin. Also {@link io.ficus.legacy.memberships.ProjectAccess}, the member/admin checks every feature uses.
 */
package io.ficus.legacy.memberships;
