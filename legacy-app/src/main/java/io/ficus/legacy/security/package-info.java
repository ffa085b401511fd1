/**
 * Authentication: HS256 bearer tokens with an {@code email} claim, signed with a key shared with the new core; bcrypt password hashes; the interceptor that resolves the caller on every route but register and login.
 */
package io.ficus.legacy.security;
