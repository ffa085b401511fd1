package io.ficus.legacy.users;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The answer to a successful login.
 *
 * @param token     the JWT to send as {@code Authorization: Bearer <token>}
 * @param tokenType always {@code Bearer}
 * @param expiresIn seconds until the token expires
 */
@JsonPropertyOrder({"token", "tokenType", "expiresIn"})
public record TokenView(String token, String tokenType, long expiresIn) {
}
