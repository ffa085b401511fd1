/**
 * Accounts and users: registration (which also creates the default project, an admin membership and three phases), login, profile changes, and deletion with its cascade. Users are flagged deleted, never removed.
 */
package io.ficus.legacy.users;
