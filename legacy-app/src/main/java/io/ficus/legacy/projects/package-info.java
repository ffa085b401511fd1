/**
 * Projects: creation (caller becomes accepted admin), reads for members, changes by admins, and deletion with phases, memberships and tickets in one transaction ({@link io.ficus.legacy.projects.ProjectRemoval}).
 */
package io.ficus.legacy.projects;
