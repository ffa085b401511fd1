package io.ficus.core.users.web;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.ficus.core.shared.Caller;
import io.ficus.core.users.ChangeUser;
import io.ficus.core.users.RegisterUser;
import io.ficus.core.users.User;
import io.ficus.core.users.UserManagement;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Registration, login and users, as the legacy serves them. */
@RestController
class UserController {

    record Register(String name, String email, String password) {
    }

    record Login(String email, String password) {
    }

    @JsonPropertyOrder({"id", "name", "email"})
    record UserView(UUID id, String name, String email) {
        static UserView of(User u) {
            return new UserView(u.id(), u.name(), u.email());
        }
    }

    @JsonPropertyOrder({"token", "tokenType", "expiresIn"})
    record TokenView(String token, String tokenType, long expiresIn) {
    }

    /** The body of {@code PATCH /api/users/{id}}: only the fields present change. */
    static class UserPatch {
        final Set<String> present = new HashSet<>();
        String name;
        String email;
        String password;

        public void setName(String name) {
            present.add("name");
            this.name = name;
        }

        public void setEmail(String email) {
            present.add("email");
            this.email = email;
        }

        public void setPassword(String password) {
            present.add("password");
            this.password = password;
        }
    }

    private final UserManagement users;

    UserController(UserManagement users) {
        this.users = users;
    }

    @PostMapping("/api/register")
    @ResponseStatus(HttpStatus.CREATED)
    UserView register(@RequestBody Register body) {
        return UserView.of(users.register(new RegisterUser(body.name(), body.email(), body.password())));
    }

    @PostMapping("/api/login")
    TokenView login(@RequestBody Login body) {
        var token = users.login(body.email(), body.password());
        return new TokenView(token.token(), token.tokenType(), token.expiresIn());
    }

    @GetMapping("/api/users/me")
    UserView me(Caller caller) {
        return UserView.of(users.get(caller.id()));
    }

    @GetMapping("/api/users/{id}")
    UserView get(@PathVariable UUID id) {
        return UserView.of(users.get(id));
    }

    @GetMapping("/api/users")
    UserView byEmail(@RequestParam String email) {
        return UserView.of(users.byEmail(email));
    }

    @PatchMapping("/api/users/{id}")
    UserView update(Caller caller, @PathVariable UUID id, @RequestBody UserPatch body) {
        return UserView.of(users.change(caller, new ChangeUser(id, body.present, body.name, body.email, body.password)));
    }

    @DeleteMapping("/api/users/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(Caller caller, @PathVariable UUID id) {
        users.delete(caller, id);
    }
}
