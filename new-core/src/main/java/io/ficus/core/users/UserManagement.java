package io.ficus.core.users;

import io.ficus.support.web.ApiException;
import io.ficus.core.shared.Caller;
import io.ficus.core.shared.Origin;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The user use cases, each one transaction on one user. */
@Service
public class UserManagement {

    /** A successful login. */
    public record Token(String token, String tokenType, long expiresIn) {
    }

    private final UserRepository users;
    private final TokenService tokens;
    private final BCryptPasswordEncoder hasher = new BCryptPasswordEncoder(10);

    UserManagement(UserRepository users, TokenService tokens) {
        this.users = users;
        this.tokens = tokens;
    }

    /** Registers the user; the default project follows from {@link UserRegistered}. */
    @Transactional
    public User register(RegisterUser command) {
        return users.save(User.register(command, email -> users.findByEmail(email).isPresent(), hasher));
    }

    @Transactional(readOnly = true)
    public Token login(String email, String password) {
        if (email == null || password == null) {
            throw ApiException.badRequest("'email' and 'password' are required");
        }
        User user = users.findByEmail(email)
                .filter(u -> hasher.matches(password, u.passwordHash()))
                .orElseThrow(() -> ApiException.unauthorized("invalid email or password"));
        return new Token(tokens.issue(user.id().toString(), user.email()), "Bearer", tokens.ttlSeconds());
    }

    /** The caller a bearer token names, or empty when the token is invalid or names no user. */
    @Transactional(readOnly = true)
    public Optional<Caller> authenticate(String token) {
        return tokens.verify(token).flatMap(users::findByEmail).map(u -> new Caller(u.id(), u.email()));
    }

    /** Whether the token is valid at all (signature, expiry), whoever it names. */
    public boolean isValidToken(String token) {
        return tokens.verify(token).isPresent();
    }

    @Transactional(readOnly = true)
    public User get(UUID id) {
        return users.find(id).orElseThrow(() -> ApiException.notFound("no user " + id));
    }

    @Transactional(readOnly = true)
    public User byEmail(String email) {
        return users.findByEmail(email).orElseThrow(() -> ApiException.notFound("no user with email " + email));
    }

    @Transactional
    public User change(Caller caller, ChangeUser command) {
        UUID id = command.userId();
        User user = users.findForUpdate(id).orElseThrow(() -> ApiException.notFound("no user " + id));
        if (!user.id().equals(caller.id())) {
            throw ApiException.forbidden("you may only change your own account");
        }
        user.change(command, email -> users.findByEmail(email).filter(other -> !other.id().equals(id)).isPresent(), hasher);
        return users.save(user);
    }

    /** Deletes the account; memberships, projects where they were the last admin and assignments follow. */
    @Transactional
    public void delete(Caller caller, UUID id) {
        User user = users.findForUpdate(id).orElseThrow(() -> ApiException.notFound("no user " + id));
        if (!user.id().equals(caller.id())) {
            throw ApiException.forbidden("you may only delete your own account");
        }
        user.delete(Origin.CORE);
        users.save(user);
    }
}
