/**
 * Memberships: invitations, acceptance, roles and removal, with the invariant that a project
 * never loses its last accepted admin through this module's use cases (changes to one project's
 * memberships are serialised on its row in {@code memberships_project}). Makes each project's
 * creator its admin, removes a deleted project's memberships, and on an account deletion removes
 * the user's memberships and reports the projects they leave without an admin. Keeps read models
 * of which projects and users exist.
 */
package io.ficus.core.memberships;
