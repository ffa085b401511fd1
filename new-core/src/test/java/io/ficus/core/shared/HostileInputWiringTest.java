package io.ficus.core.shared;

import static org.assertj.core.api.Assertions.assertThat;

import io.ficus.core.CoreTest;
import io.ficus.testkit.RawHttp;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The core installs the same answers to hostile input as the legacy, from the app-support library (whose
 * {@code HostileInputTest} has them all): checked here on the core's own endpoints and tables.
 */
class HostileInputWiringTest extends CoreTest {

    @Test
    void refusedTicketsGetTheErrorBodyAndAreNotStored() {
        Account a = newAccount();
        String path = "/api/projects/" + defaultProject(a) + "/tickets";
        long before = count("select count(*) from tickets_ticket");
        var headers = Map.of("Authorization", "Bearer " + a.token(), "Content-Type", "application/json");

        var nul = RawHttp.send(port, "POST", path, headers,
                "{\"title\":\"printer\\u0000on fire\",\"assigneeIds\":[]}".getBytes(StandardCharsets.UTF_8), false);
        assertThat(nul.status()).isEqualTo(400);
        assertThat(json.readTree(nul.body()).path("message").asString()).isEqualTo("'title' must not contain NUL characters");
        byte[] big = ("{\"title\":\"big\",\"assigneeIds\":[],\"description\":\"" + "x".repeat(1_100_000) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        var tooLarge = RawHttp.send(port, "POST", path, headers, big, true);
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(json.readTree(tooLarge.body()).path("message").asString()).isEqualTo("request body must be at most 1MB");
        assertThat(count("select count(*) from tickets_ticket")).isEqualTo(before);

        var refusedByTomcat = RawHttp.send(port, "GET", "/api/projects%2Fx", Map.of(), null, false);
        assertThat(refusedByTomcat.body()).isEqualTo("{\"status\":400,\"error\":\"Bad Request\","
                + "\"message\":\"the request is malformed\",\"path\":\"/api/projects%2Fx\"}");
    }
}
