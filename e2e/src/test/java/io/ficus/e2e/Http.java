package io.ficus.e2e;

import io.ficus.testkit.TestHttp;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The end-to-end tests' view of testkit's {@link TestHttp}: a client of one application, with the
 * stack's users and sign-up.
 */
final class Http {

    static final JsonMapper json = TestHttp.JSON;

    record Response(int status, String body) {
        JsonNode json() {
            return Http.json.readTree(body);
        }
    }

    private final TestHttp http;

    Http(String base, String token) {
        this(TestHttp.to(base).bearer(token).timeout(Duration.ofSeconds(20)));
    }

    private Http(TestHttp http) {
        this.http = http;
    }

    /** A client of an application's admin API, with HTTP Basic credentials. */
    static Http admin(String base, String username, String password) {
        return new Http(TestHttp.to(base).basic(username, password).timeout(Duration.ofSeconds(20)));
    }

    /** The operator of the stack's admin API on {@code app} (gateway or legacy-adapter): may flip and repair. */
    static Http operator(io.ficus.sandbox.StackConfig config, io.ficus.sandbox.App app) {
        return admin(config.url(app), config.operator().name(), config.operator().password());
    }

    /** The viewer of the stack's admin API on {@code app} (gateway or legacy-adapter): may only read. */
    static Http viewer(io.ficus.sandbox.StackConfig config, io.ficus.sandbox.App app) {
        return admin(config.url(app), config.viewer().name(), config.viewer().password());
    }

    Http withToken(String token) {
        return new Http(http.bearer(token));
    }

    /** The bearer token this client sends, if any. */
    String token() {
        return http.token();
    }

    /**
     * Registers a new user named {@code name} with a unique e-mail, logs in, and returns a
     * client that sends the user's token; fails the test when either call is refused.
     */
    Http signUp(String name) {
        String email = name.toLowerCase(java.util.Locale.ROOT) + "-" + java.util.UUID.randomUUID() + "@example.com";
        String password = "pw-" + name + "-secret";
        var registered = post("/api/register", java.util.Map.of("name", name, "email", email, "password", password));
        org.assertj.core.api.Assertions.assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        var login = post("/api/login", java.util.Map.of("email", email, "password", password));
        org.assertj.core.api.Assertions.assertThat(login.status()).as(login.body()).isEqualTo(200);
        return withToken(login.json().get("token").asString());
    }

    /** Logs in as an existing user and returns a client that sends the user's token; fails the test when refused. */
    Http login(String email, String password) {
        var login = post("/api/login", java.util.Map.of("email", email, "password", password));
        org.assertj.core.api.Assertions.assertThat(login.status()).as(login.body()).isEqualTo(200);
        return withToken(login.json().get("token").asString());
    }

    Response get(String path) {
        return send("GET", path, null);
    }

    Response post(String path, Object body) {
        return send("POST", path, body);
    }

    Response patch(String path, Object body) {
        return send("PATCH", path, body);
    }

    Response put(String path, Object body) {
        return send("PUT", path, body);
    }

    Response delete(String path) {
        return send("DELETE", path, null);
    }

    private Response send(String method, String path, Object body) {
        var answer = http.send(method, path, body);
        return new Response(answer.status(), answer.body());
    }
}
