package io.ficus.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.ficus.gateway.GatewayIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Admin request bodies are read strictly: a fraction for an integer, an unknown field, a string for a number, a bad
 * mode, malformed JSON or no body at all is a 400 that says which field and what was expected, a body that is not JSON
 * a 415; no answer names an internal class, and nothing changes.
 */
class StrictInputTest extends GatewayIntegrationTest {

    private int audited;

    @BeforeEach
    void countAuditEntries() {
        audited = jdbc.queryForObject("select count(*) from toggle_audit", Integer.class);
    }

    @AfterEach
    void nothingChanged() {
        assertThat(jdbc.queryForObject("select count(*) from toggle_audit", Integer.class)).isEqualTo(audited);
        assertThat(jdbc.queryForObject("select count(*) from route_toggle where mode <> 'LEGACY'", Integer.class)).isZero();
    }

    private WebTestClient.BodyContentSpec put(MediaType type, String body, int status) {
        WebTestClient.RequestBodySpec request = client.put().uri("/ficus/api/groups/tickets/mode")
                .header(HttpHeaders.AUTHORIZATION, adminAuthorization());
        if (type != null) {
            request.contentType(type);
        }
        WebTestClient.BodyContentSpec answer = (body == null ? request.exchange() : request.bodyValue(body).exchange())
                .expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(status)
                .jsonPath("$.path").isEqualTo("/ficus/api/groups/tickets/mode");
        answer.jsonPath("$.message").value(message -> assertThat((String) message)
                .doesNotContain("io.ficus", "AdminController", "ModeChange", "java.", "tools.jackson", "bodyType"));
        return answer;
    }

    private void badRequest(String body, String... expected) {
        put(MediaType.APPLICATION_JSON, body, 400).jsonPath("$.message").value(message ->
                assertThat((String) message).contains(expected));
    }

    @Test
    void refusesAFractionForTheCanaryPercentage() {
        badRequest("{\"mode\":\"CANARY\",\"percent\":50.5,\"reason\":\"x\"}", "\"percent\"", "whole number");
    }

    @Test
    void refusesAStringForTheCanaryPercentageAndForShadowReads() {
        badRequest("{\"mode\":\"CANARY\",\"percent\":\"50\",\"reason\":\"x\"}", "\"percent\"", "whole number");
        badRequest("{\"mode\":\"NEW\",\"shadowReads\":\"true\",\"reason\":\"x\"}", "\"shadowReads\"", "true or false");
    }

    @Test
    void refusesAnUnknownFieldAndNamesIt() {
        badRequest("{\"mode\":\"NEW\",\"reason\":\"x\",\"forced\":true}", "unknown field \"forced\"", "force", "mode",
                "percent", "reason", "shadowReads");
    }

    @Test
    void refusesAReasonWithControlCharactersOrTooLong() {
        badRequest("{\"mode\":\"SHADOW\",\"reason\":\"hostile \\u0000 nul\"}", "reason", "control characters");
        badRequest("{\"mode\":\"SHADOW\",\"reason\":\"" + "r".repeat(1001) + "\"}", "reason", "at most 1000");
    }

    @Test
    void refusesAnUnknownModeAndListsTheModes() {
        badRequest("{\"mode\":\"new\",\"reason\":\"x\"}", "\"mode\"", "LEGACY, SHADOW, CANARY, NEW");
    }

    @Test
    void refusesMalformedJsonAndTrailingContent() {
        badRequest("{\"mode\":\"NEW\",", "not well-formed JSON");
        badRequest("{\"mode\":\"NEW\",\"reason\":\"x\"} {}", "not well-formed JSON");
        badRequest("[\"NEW\"]", "not well-formed JSON");
    }

    @Test
    void refusesAMissingBody() {
        badRequest(null, "a JSON body is required");
    }

    @Test
    void refusesABodyThatIsNotJsonWith415() {
        put(MediaType.TEXT_PLAIN, "mode=NEW", 415).jsonPath("$.message")
                .isEqualTo("Content-Type text/plain is not supported; send application/json");
        put(MediaType.APPLICATION_FORM_URLENCODED, "mode=NEW&reason=x", 415);
    }

    @Test
    void refusesABadQueryParameterWithoutNamingTypes() {
        client.get().uri("/ficus/api/audit?limit=ten").header(HttpHeaders.AUTHORIZATION, viewerAuthorization()).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.message").value(message -> assertThat((String) message)
                        .contains("limit").doesNotContain("java.", "int"));
    }
}
