/**
 * Users: registration, login (JWT tokens that the legacy accepts too, and vice versa), profile
 * changes and account deletion, and the authentication of every API request. Registering
 * publishes {@code UserRegistered}; the projects module reacts with the default project. Deleting
 * an account publishes {@code UserDeleted}; memberships, projects and tickets clean up after it.
 *
 * <p><b>Shape.</b> API: {@code UserManagement} (the use cases, one transaction each), {@code UserLegacyChanges}
 * (applies the legacy's changes, called by the legacy module) and the module's events, {@code UserRegistered},
 * {@code UserChanged}, {@code UserDeleted}. Inside: {@code UserRepository} stores the aggregate; whoever changes it
 * publishes the event in the same transaction.
 */
package io.ficus.core.users;
