package io.ficus.support.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.ficus.support.SupportTest;
import io.ficus.support.SupportTestApplication;
import io.ficus.testkit.RawHttp;
import io.ficus.testkit.TestHttp;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * Malformed or oversized input gets a clear 4xx in the API's error body and reaches no controller: the answers both
 * ticketing applications give, word for word (each has an application-level test that it installs them).
 */
class HostileInputTest extends SupportTest {

    static final String BAD_QUERY = "the query string is not valid percent-encoded UTF-8";
    static final String WRONG_TYPE = "Content-Type must be application/json";
    static final String TOO_LARGE = "request body must be at most 1MB";

    final String path = "/api/projects/" + UUID.randomUUID() + "/tickets";

    RawHttp.Answer send(String method, String target, String contentType, byte[] body, boolean chunked) {
        var headers = new LinkedHashMap<String, String>();
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
        return RawHttp.send(port, method, target, headers, body, chunked);
    }

    RawHttp.Answer postJson(String json) {
        return send("POST", path, "application/json", json.getBytes(StandardCharsets.UTF_8), false);
    }

    static void assertError(RawHttp.Answer answer, int status, String reason, String message, String path) {
        assertThat(answer.status()).as("status of %s", answer.body()).isEqualTo(status);
        assertThat(answer.header("content-type")).startsWith("application/json");
        JsonNode body = TestHttp.JSON.readTree(answer.body());
        assertThat(body.propertyNames()).containsExactly("status", "error", "message", "path");
        assertThat(body.path("status").asInt()).isEqualTo(status);
        assertThat(body.path("error").asString()).isEqualTo(reason);
        assertThat(body.path("message").asString()).isEqualTo(message);
        assertThat(body.path("path").asString()).isEqualTo(path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"q=%ZZ", "q=%", "q=%E0%A4", "q=%e0%a4%", "a=1&b=%G1", "%=x"})
    void aMalformedPercentEncodingInTheQueryIsA400(String query) {
        assertError(send("GET", "/api/projects?" + query, null, null, false), 400, "Bad Request", BAD_QUERY, "/api/projects");
    }

    /** Tomcat refuses these before the application sees them; its answer is the API's error body all the same. */
    @ParameterizedTest
    @ValueSource(strings = {"/api/projects%2Fx", "/api/projects%2fx"})
    void aPathTheServerRefusesIsA400InTheApisErrorBody(String target) {
        assertError(send("GET", target, null, null, false), 400, "Bad Request", "the request is malformed", target);
    }

    /** Refused while the request line is parsed, before any path is known: the body's path is empty. */
    @Test
    void aRequestLineTheServerCannotParseIsA400InTheApisErrorBody() {
        assertError(send("GET", "/api/projects\\x", null, null, false), 400, "Bad Request", "the request is malformed", "");
    }

    @Test
    void aWellFormedQueryStillWorks() {
        assertThat(send("GET", "/api/projects?q=%C3%A9t%C3%A9+x&y=%25", null, null, false).status()).isEqualTo(200);
    }

    @Test
    void aNulCharacterInAJsonStringIsA400NamingTheFieldAndStoresNothing() {
        int before = SupportTestApplication.stored.get();
        assertError(postJson("{\"title\":\"printer\\u0000on fire\",\"assigneeIds\":[]}"), 400, "Bad Request",
                "'title' must not contain NUL characters", path);
        assertThat(SupportTestApplication.stored.get()).isEqualTo(before);
    }

    @Test
    void strictJsonNamesTheFieldItRefuses() {
        assertError(postJson("{\"title\":\"x\",\"assigneeIds\":[],\"colour\":\"red\"}"), 400, "Bad Request", "unknown field 'colour'", path);
        assertError(postJson("{\"title\":7,\"assigneeIds\":[]}"), 400, "Bad Request",
                "'title' has an invalid value '7', expected String", path);
        assertError(postJson("{\"title\":\"x\",\"assigneeIds\":[\"nope\"]}"), 400, "Bad Request",
                "'assigneeIds[0]' has an invalid value 'nope', expected a UUID", path);
        assertError(postJson("{\"title\":\"x\""), 400, "Bad Request", "malformed JSON request body", path);
        assertError(postJson("{\"title\":\" \",\"assigneeIds\":[]}"), 400, "Bad Request", "'title' must not be blank", path);
        assertError(send("POST", "/api/projects/nope/tickets", "application/json", "{}".getBytes(StandardCharsets.UTF_8), false),
                400, "Bad Request", "'id' must be a UUID, not 'nope'", "/api/projects/nope/tickets");
        assertError(postJson("{\"title\":\"forbidden\",\"assigneeIds\":[]}"), 403, "Forbidden",
                "you are not a member of project " + path.split("/")[3], path);
    }

    @Test
    void aViolatedConstraintIsAnsweredInTheApplicationsWordsAndNeverNamesTheDatabase() {
        assertError(postJson("{\"title\":\"violates unique constraint \\\"tickets_title_ux\\\"\",\"assigneeIds\":[]}"), 409,
                "Conflict", "a ticket with this title exists", path);
        assertError(postJson("{\"title\":\"violates nothing: value too long for type character varying(5)\",\"assigneeIds\":[]}"),
                400, "Bad Request", "a value is too long", path);
        assertError(postJson("{\"title\":\"violates foreign key constraint \\\"tickets_phase_fk\\\"\",\"assigneeIds\":[]}"), 409,
                "Conflict", "the change conflicts with the stored data", path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/xml", "application/x-www-form-urlencoded", "foo/bar;x=y"})
    void aBodyOfAnotherTypeIsA415ThatNamesNoInternalClass(String contentType) {
        var answer = send("POST", path, contentType, "{\"title\":\"x\",\"assigneeIds\":[]}".getBytes(StandardCharsets.UTF_8), false);
        assertError(answer, 415, "Unsupported Media Type", WRONG_TYPE, path);
        assertThat(answer.body()).doesNotContain("io.ficus", "java.", "bodyType");
    }

    @Test
    void aBodyLargerThanTheLimitIsA413WhetherItsLengthIsGivenOrNotAndStoresNothing() {
        int before = SupportTestApplication.stored.get();
        byte[] padding = new byte[2 * 1024 * 1024];
        Arrays.fill(padding, (byte) 'x');
        byte[] body = ("{\"title\":\"big\",\"assigneeIds\":[],\"description\":\"" + new String(padding, StandardCharsets.US_ASCII) + "\"}")
                .getBytes(StandardCharsets.UTF_8);

        assertError(send("POST", path, "application/json", body, false), 413, "Content Too Large", TOO_LARGE, path);
        assertError(send("POST", path, "application/json", body, true), 413, "Content Too Large", TOO_LARGE, path);
        assertThat(SupportTestApplication.stored.get()).isEqualTo(before);

        byte[] small = "{\"title\":\"fits\",\"assigneeIds\":[]}".getBytes(StandardCharsets.UTF_8);
        assertThat(send("POST", path, "application/json", small, true).status()).as("a small chunked body").isEqualTo(201);
    }
}
