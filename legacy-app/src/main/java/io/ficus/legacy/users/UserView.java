package io.ficus.legacy.users;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A user as the API shows it; never the password.
 *
 * @param id    user id
 * @param name  display name
 * @param email login email, as registered
 */
@JsonPropertyOrder({"id", "name", "email"})
public record UserView(String id, String name, String email) {

    static UserView of(User user) {
        return new UserView(user.getId(), user.getName(), user.getEmail());
    }
}
