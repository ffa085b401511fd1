package io.ficus.legacy.users;

import java.util.HashSet;
import java.util.Set;

/** The body of {@code PATCH /api/users/{id}}: only the fields present change; none may be null. */
public class UserPatch {

    private final Set<String> present = new HashSet<>();
    private String name;
    private String email;
    private String password;

    public boolean has(String field) {
        return present.contains(field);
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        present.add("name");
        this.name = name;
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        present.add("email");
        this.email = email;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        present.add("password");
        this.password = password;
    }
}
