package io.ficus.core.shared;

import java.util.UUID;

/**
 * The authenticated user making the request, resolved from the bearer token's {@code email}
 * claim. Controllers take it as a parameter.
 *
 * @param id    user id
 * @param email the email the token names
 */
public record Caller(UUID id, String email) {

    /** The request attribute that holds the caller once authenticated. */
    public static final String ATTRIBUTE = Caller.class.getName();
}
