/**
 * Projects: creation (the creator becomes admin through the memberships module), reading,
 * renaming and deletion (phases, tickets and memberships follow through events). Creates each
 * registered user's default project. Keeps its own read model of memberships ({@code projects_member})
 * to answer who may see a project and which projects a caller belongs to.
 */
package io.ficus.core.projects;
