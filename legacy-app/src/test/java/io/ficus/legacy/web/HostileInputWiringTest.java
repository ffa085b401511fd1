package io.ficus.legacy.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.ficus.legacy.ApiTest;
import io.ficus.testkit.RawHttp;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The legacy installs the app-support library's answers to hostile input (its {@code HostileInputTest} has them all):
 * a request Tomcat refuses, a NUL in a JSON string and a body over the limit get the API's error body here too, and a
 * refused ticket is not in the legacy's table.
 */
class HostileInputWiringTest extends ApiTest {

    RawHttp.Answer postTicket(Account who, String path, String json, boolean chunked) {
        return RawHttp.send(port, "POST", path, Map.of("Authorization", "Bearer " + who.token(), "Content-Type", "application/json"),
                json.getBytes(StandardCharsets.UTF_8), chunked);
    }

    @Test
    void aNulCharacterAndAnOversizedChunkedBodyAreRefusedInTheErrorBodyAndStoreNoTicket() {
        Account a = newAccount();
        String path = "/api/projects/" + a.project() + "/tickets";
        int before = count("select count(*) from TKT_TICKET");

        var nul = postTicket(a, path, "{\"title\":\"printer\\u0000on fire\",\"assigneeIds\":[]}", false);
        assertThat(nul.status()).isEqualTo(400);
        assertThat(json.readTree(nul.body()).path("message").asString()).isEqualTo("'title' must not contain NUL characters");
        var big = postTicket(a, path, "{\"title\":\"big\",\"assigneeIds\":[],\"description\":\"" + "x".repeat(1_100_000) + "\"}", true);
        assertThat(big.status()).isEqualTo(413);
        assertThat(json.readTree(big.body()).path("message").asString()).isEqualTo("request body must be at most 1MB");
        assertThat(count("select count(*) from TKT_TICKET")).isEqualTo(before);
    }

    @Test
    void aPathTomcatRefusesGetsTheErrorBody() {
        var answer = RawHttp.send(port, "GET", "/api/projects%2Fx", Map.of(), null, false);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).isEqualTo("{\"status\":400,\"error\":\"Bad Request\",\"message\":\"the request is malformed\","
                + "\"path\":\"/api/projects%2Fx\"}");
    }
}
