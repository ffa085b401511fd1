package io.ficus.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A tiny JSON-over-HTTP client for the end-to-end tests. */
final class Http {

    static final JsonMapper json = JsonMapper.builder().build();
    private static final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    record Response(int status, String body) {
        JsonNode json() {
            return Http.json.readTree(body);
        }
    }

    private final String base;
    private final String token;
    private final String authorization;

    Http(String base, String token) {
        this(base, token, token == null ? null : "Bearer " + token);
    }

    private Http(String base, String token, String authorization) {
        this.base = base;
        this.token = token;
        this.authorization = authorization;
    }

    /** A client of an application's admin API, with HTTP Basic credentials. */
    static Http admin(String base, String username, String password) {
        String credentials = username + ":" + password;
        return new Http(base, null, "Basic " + java.util.Base64.getEncoder()
                .encodeToString(credentials.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
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
        return new Http(base, token);
    }

    /** The bearer token this client sends, if any. */
    String token() {
        return token;
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
        var builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        if (body != null) {
            builder.header("Content-Type", "application/json");
        }
        builder.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        try {
            var response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
