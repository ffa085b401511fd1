package io.ficus.legacy.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.ficus.testkit.RawHttp;
import io.ficus.legacy.ApiTest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * Malformed or oversized input gets a clear 4xx in the API's error body and changes nothing.
 * The new core's {@code HostileInputTest} sends the same requests and expects the very same
 * answers (status and body but the path's ids).
 */
class HostileInputTest extends ApiTest {

    static final String BAD_QUERY = "the query string is not valid percent-encoded UTF-8";
    static final String NUL = "'title' must not contain NUL characters";
    static final String WRONG_TYPE = "Content-Type must be application/json";
    static final String TOO_LARGE = "request body must be at most 1MB";

    RawHttp.Answer send(String method, String target, Account who, String contentType, byte[] body, boolean chunked) {
        var headers = new java.util.LinkedHashMap<String, String>();
        if (who != null) {
            headers.put("Authorization", "Bearer " + who.token());
        }
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
        return RawHttp.send(port, method, target, headers, body, chunked);
    }

    static void assertError(RawHttp.Answer answer, int status, String reason, String message, String path) {
        assertThat(answer.status()).as("status of %s", answer.body()).isEqualTo(status);
        assertThat(answer.header("content-type")).startsWith("application/json");
        JsonNode body = json.readTree(answer.body());
        assertThat(body.propertyNames()).containsExactly("status", "error", "message", "path");
        assertThat(body.path("status").asInt()).isEqualTo(status);
        assertThat(body.path("error").asString()).isEqualTo(reason);
        assertThat(body.path("message").asString()).isEqualTo(message);
        assertThat(body.path("path").asString()).isEqualTo(path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"q=%ZZ", "q=%", "q=%E0%A4", "q=%e0%a4%", "a=1&b=%G1", "%=x"})
    void aMalformedPercentEncodingInTheQueryIsA400(String query) {
        Account a = newAccount();
        assertError(send("GET", "/api/projects?" + query, a, null, null, false), 400, "Bad Request", BAD_QUERY, "/api/projects");
        assertError(send("GET", "/api/projects?" + query, null, null, null, false), 400, "Bad Request", BAD_QUERY, "/api/projects");
    }

    /** Tomcat refuses these before the application sees them; its answer is the API's error body all the same. */
    @ParameterizedTest
    @ValueSource(strings = {"/api/projects%2Fx", "/api/projects%2fx"})
    void aPathTheServerRefusesIsA400InTheApisErrorBody(String target) {
        assertError(send("GET", target, null, null, null, false), 400, "Bad Request", "the request is malformed", target);
    }

    /** Refused while the request line is parsed, before any path is known: the body's path is empty. */
    @Test
    void aRequestLineTheServerCannotParseIsA400InTheApisErrorBody() {
        assertError(send("GET", "/api/projects\\x", null, null, null, false), 400, "Bad Request", "the request is malformed", "");
    }

    @Test
    void aWellFormedQueryStillWorks() {
        Account a = newAccount();
        assertThat(send("GET", "/api/projects?q=%C3%A9t%C3%A9+x&y=%25", a, null, null, false).status()).isEqualTo(200);
    }

    @Test
    void aNulCharacterInAJsonStringIsA400NamingTheFieldAndStoresNothing() {
        Account a = newAccount();
        String path = "/api/projects/" + a.project() + "/tickets";
        int before = count("select count(*) from TKT_TICKET");
        byte[] body = "{\"title\":\"printer\\u0000on fire\",\"assigneeIds\":[]}".getBytes(StandardCharsets.UTF_8);
        assertError(send("POST", path, a, "application/json", body, false), 400, "Bad Request", NUL, path);
        assertThat(count("select count(*) from TKT_TICKET")).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/xml", "application/x-www-form-urlencoded", "foo/bar;x=y"})
    void aBodyOfAnotherTypeIsA415ThatNamesNoInternalClass(String contentType) {
        Account a = newAccount();
        String path = "/api/projects/" + a.project() + "/tickets";
        var answer = send("POST", path, a, contentType, "{\"title\":\"x\",\"assigneeIds\":[]}".getBytes(StandardCharsets.UTF_8), false);
        assertError(answer, 415, "Unsupported Media Type", WRONG_TYPE, path);
        assertThat(answer.body()).doesNotContain("io.ficus", "java.", "bodyType");
    }

    @Test
    void aBodyLargerThanTheLimitIsA413WhetherItsLengthIsGivenOrNotAndStoresNothing() {
        Account a = newAccount();
        String path = "/api/projects/" + a.project() + "/tickets";
        int before = count("select count(*) from TKT_TICKET");
        byte[] padding = new byte[2 * 1024 * 1024];
        Arrays.fill(padding, (byte) 'x');
        byte[] body = ("{\"title\":\"big\",\"assigneeIds\":[],\"description\":\"" + new String(padding, StandardCharsets.US_ASCII) + "\"}")
                .getBytes(StandardCharsets.UTF_8);

        assertError(send("POST", path, a, "application/json", body, false), 413, "Content Too Large", TOO_LARGE, path);
        assertError(send("POST", path, a, "application/json", body, true), 413, "Content Too Large", TOO_LARGE, path);
        assertThat(count("select count(*) from TKT_TICKET")).isEqualTo(before);

        byte[] justUnder = ("{\"title\":\"fits\",\"assigneeIds\":[]}").getBytes(StandardCharsets.UTF_8);
        assertThat(send("POST", path, a, "application/json", justUnder, true).status()).as("a small chunked body").isEqualTo(201);
    }
}
