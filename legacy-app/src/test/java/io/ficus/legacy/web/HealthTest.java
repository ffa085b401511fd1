package io.ficus.legacy.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.ficus.testkit.RawHttp;
import io.ficus.legacy.ApiTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class HealthTest extends ApiTest {

    @Test
    void healthIsAnonymousAndShowsItsStatusOnly() {
        var answer = RawHttp.send(port, "GET", "/actuator/health", Map.of(), null, false);
        assertThat(answer.status()).isEqualTo(200);
        JsonNode body = json.readTree(answer.body());
        assertThat(body.path("status").asString()).isEqualTo("UP");
        assertThat(body.has("components")).isFalse();
        assertThat(body.has("details")).isFalse();
        assertThat(answer.body()).doesNotContain("jdbc", "postgres", "localhost");
    }
}
