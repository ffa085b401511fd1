package io.ficus.legacy.security;

/**
 * The authenticated user making the request, resolved from the token's {@code email} claim.
 *
 * @param id    user id
 * @param email the email the token names
 */
public record Caller(String id, String email) {
}
