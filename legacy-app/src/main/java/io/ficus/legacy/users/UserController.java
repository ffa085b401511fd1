package io.ficus.legacy.users;

import io.ficus.legacy.security.Caller;
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

/** Registration, login and users. */
@RestController
class UserController {

    /** Body of {@code POST /api/register}. */
    record Register(String name, String email, String password) {
    }

    /** Body of {@code POST /api/login}. */
    record Login(String email, String password) {
    }

    private final UserService service;

    UserController(UserService service) {
        this.service = service;
    }

    @PostMapping("/api/register")
    @ResponseStatus(HttpStatus.CREATED)
    UserView register(@RequestBody Register body) {
        return service.register(body.name(), body.email(), body.password());
    }

    @PostMapping("/api/login")
    TokenView login(@RequestBody Login body) {
        return service.login(body.email(), body.password());
    }

    @GetMapping("/api/users/me")
    UserView me(Caller caller) {
        return service.get(caller.id());
    }

    @GetMapping("/api/users/{id}")
    UserView get(@PathVariable UUID id) {
        return service.get(id.toString());
    }

    @GetMapping("/api/users")
    UserView byEmail(@RequestParam String email) {
        return service.byEmail(email);
    }

    @PatchMapping("/api/users/{id}")
    UserView update(Caller caller, @PathVariable UUID id, @RequestBody UserPatch body) {
        return service.update(caller, id.toString(), body);
    }

    @DeleteMapping("/api/users/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(Caller caller, @PathVariable UUID id) {
        service.delete(caller, id.toString());
    }
}
