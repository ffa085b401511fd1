package io.ficus.core.users;

/** Command: register a new account. */
public record RegisterUser(String name, String email, String password) {

    @Override
    public String toString() {
        return "RegisterUser[name=" + name + ", email=" + email + "]";
    }
}
