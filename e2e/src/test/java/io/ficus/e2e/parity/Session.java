package io.ficus.e2e.parity;

import io.ficus.testkit.TestHttp;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One run of a scenario against one application: sends the requests, keeps every exchange as
 * (label, status, body) for the comparison, and lets the scenario read ids from the answers.
 */
final class Session {

    static final JsonMapper json = TestHttp.JSON;

    /** One recorded exchange; {@code payload}, {@code token} and {@code contentType} (of the response) may be null. */
    record Exchange(String label, String method, String path, String payload, String token, int status, String contentType, String body) {
        String request() {
            return method + " " + path;
        }
    }

    /** An answer. */
    record Answer(int status, String raw) {
        JsonNode json() {
            return raw == null || raw.isBlank() ? Session.json.missingNode() : Session.json.readTree(raw);
        }

        String id() {
            return json().path("id").asString();
        }

        String text(String field) {
            return json().path(field).asString();
        }
    }

    final String base;
    final String runId;
    private final TestHttp http;
    private final List<Exchange> exchanges = new ArrayList<>();
    private String token;

    Session(String base, String runId) {
        this.base = base;
        this.runId = runId;
        this.http = TestHttp.to(base);
    }

    List<Exchange> exchanges() {
        return exchanges;
    }

    /** Subsequent requests carry this bearer token (null: none). */
    Session as(String token) {
        this.token = token;
        return this;
    }

    Answer get(String label, String path) {
        return send(label, "GET", path, null);
    }

    Answer post(String label, String path, Object body) {
        return send(label, "POST", path, body);
    }

    Answer patch(String label, String path, Object body) {
        return send(label, "PATCH", path, body);
    }

    Answer delete(String label, String path) {
        return send(label, "DELETE", path, null);
    }

    /** Registers and logs in; returns the token and remembers it. */
    String account(String label, String name, String email) {
        post(label + ": register", "/api/register", java.util.Map.of("name", name, "email", email, "password", "secret-password"));
        String t = post(label + ": login", "/api/login", java.util.Map.of("email", email, "password", "secret-password")).text("token");
        as(t);
        return t;
    }

    private Answer send(String label, String method, String path, Object body) {
        var answer = http.bearer(token).send(method, path, body);
        String payload = body == null ? null : body instanceof String s ? s : json.writeValueAsString(body);
        exchanges.add(new Exchange(label, method, path, payload, token, answer.status(), answer.header("Content-Type"), answer.body()));
        return new Answer(answer.status(), answer.body());
    }
}
