package io.ficus.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP client of the tests: JSON over HTTP/1.1 to one base address, with an optional
 * {@code Authorization} header, for requests an ordinary client sends (for what no client sends,
 * see {@link RawHttp}). Instances are immutable; {@code bearer}, {@code basic}, {@code header}
 * and {@code recording} return a copy. A body that is a {@link String} is sent as it is, any other
 * object as its JSON. Every exchange can be handed to a listener (the contract checks record them).
 */
public final class TestHttp {

    /** The JSON mapper the tests read answers with. */
    public static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    /**
     * One answer.
     *
     * @param status  the status code
     * @param body    the body as text (empty when there was none)
     * @param headers the response headers
     */
    public record Response(int status, String body, HttpHeaders headers) {

        /** The body as JSON; a missing node when the body is empty. */
        public JsonNode json() {
            return body == null || body.isBlank() ? JSON.missingNode() : JSON.readTree(body);
        }

        /** The first value of a header, or null. */
        public String header(String name) {
            return headers == null ? null : headers.firstValue(name).orElse(null);
        }

        /** A text field of the JSON body, or null. */
        public String text(String field) {
            return json().path(field).asString(null);
        }

        /** The {@code id} of the JSON body, or null. */
        public String id() {
            return text("id");
        }
    }

    /**
     * One exchange, as handed to a {@linkplain #recording listener}.
     *
     * @param method        the request method
     * @param path          the path and query, as sent after the base address
     * @param payload       the request body, or null
     * @param authorization the {@code Authorization} header sent, or null
     * @param response      the answer
     */
    public record Exchange(String method, String path, String payload, String authorization, Response response) {

        /** The bearer token sent, or null. */
        public String token() {
            return authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7) : null;
        }
    }

    private final String base;
    private final Map<String, String> headers;
    private final Duration timeout;
    private final Consumer<Exchange> listener;

    private TestHttp(String base, Map<String, String> headers, Duration timeout, Consumer<Exchange> listener) {
        this.base = base;
        this.headers = headers;
        this.timeout = timeout;
        this.listener = listener;
    }

    /** A client of the server at {@code base} (such as {@code http://localhost:8080}), without credentials. */
    public static TestHttp to(String base) {
        return new TestHttp(base, Map.of(), DEFAULT_TIMEOUT, null);
    }

    /** A client of {@code http://localhost:port}. */
    public static TestHttp to(int port) {
        return to("http://localhost:" + port);
    }

    /** The value of an HTTP Basic {@code Authorization} header. */
    public static String basicAuthorization(String name, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((name + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** The base address requests go to. */
    public String base() {
        return base;
    }

    /** The same client, sending {@code name: value} with every request (null: no longer sending it). */
    public TestHttp header(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        if (value == null) {
            copy.remove(name);
        } else {
            copy.put(name, value);
        }
        return new TestHttp(base, Map.copyOf(copy), timeout, listener);
    }

    /** The same client, sending {@code Authorization: Bearer token} (null: no credentials). */
    public TestHttp bearer(String token) {
        return header("Authorization", token == null ? null : "Bearer " + token);
    }

    /** The same client, sending HTTP Basic credentials. */
    public TestHttp basic(String name, String password) {
        return header("Authorization", basicAuthorization(name, password));
    }

    /** The same client, waiting at most {@code timeout} for each answer. */
    public TestHttp timeout(Duration timeout) {
        return new TestHttp(base, headers, timeout, listener);
    }

    /** The same client, handing every exchange to {@code listener} as well. */
    public TestHttp recording(Consumer<Exchange> listener) {
        return new TestHttp(base, headers, timeout, listener);
    }

    /** The bearer token this client sends, or null. */
    public String token() {
        String authorization = headers.get("Authorization");
        return authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7) : null;
    }

    public Response get(String path) {
        return send("GET", path, null);
    }

    public Response post(String path, Object body) {
        return send("POST", path, body);
    }

    public Response put(String path, Object body) {
        return send("PUT", path, body);
    }

    public Response patch(String path, Object body) {
        return send("PATCH", path, body);
    }

    public Response delete(String path) {
        return send("DELETE", path, null);
    }

    /** Sends a request with a JSON body (or none when {@code body} is null). */
    public Response send(String method, String path, Object body) {
        return send(method, path, body, "application/json");
    }

    /**
     * Sends a request; {@code body} (a String as it is, anything else as JSON) goes with {@code contentType}.
     *
     * @throws UncheckedIOException when no answer came (refused or reset connection, timeout)
     */
    public Response send(String method, String path, Object body, String contentType) {
        String payload = body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
        var request = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
                .method(method, payload == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(payload));
        headers.forEach(request::header);
        if (payload != null && contentType != null) {
            request.header("Content-Type", contentType);
        }
        HttpResponse<String> answer;
        try {
            answer = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + base + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(method + " " + base + path + " interrupted", e);
        }
        var response = new Response(answer.statusCode(), answer.body() == null ? "" : answer.body(), answer.headers());
        if (listener != null) {
            listener.accept(new Exchange(method, path, payload, headers.get("Authorization"), response));
        }
        return response;
    }
}
