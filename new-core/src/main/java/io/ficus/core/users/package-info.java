/**
 * Users: registration, login (JWT tokens that the legacy accepts too, and vice versa), profile
 * changes and account deletion, and the authentication of every API request. Registering
 * publishes {@code UserRegistered}; the projects module reacts with the default project. Deleting
 * an account publishes {@code UserDeleted}; memberships, projects and tickets clean up after it.
 *
 * <p><b>Shape.</b> API: the aggregate {@code User} (registered, changed and deleted by package-private methods that
 * check their precondition, the unique email included, and register their event), {@code UserManagement} (the use
 * cases, one transaction each, and login), {@code UserLegacyChanges} (applies the legacy's changes, called by the
 * legacy module) and the module's events, the family {@code UserEvent} ({@code UserRegistered}, {@code UserChanged},
 * {@code UserDeleted}). Inside: {@code UserRepository} stores a user and publishes its registered events in the same
 * transaction; {@code TokenService} issues and checks the bearer tokens.
 */
package io.ficus.core.users;
