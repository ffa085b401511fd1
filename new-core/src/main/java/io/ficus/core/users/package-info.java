/**
 * Users: registration, login (JWT tokens that the legacy accepts too, and vice versa), profile
 * changes and account deletion, and the authentication of every API request. Registering
 * publishes {@code UserRegistered}; the projects module reacts with the default project. Deleting
 * an account publishes {@code UserDeleted}; memberships, projects and tickets clean up after it.
 */
package io.ficus.core.users;
