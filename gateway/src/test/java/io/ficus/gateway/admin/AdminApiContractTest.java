package io.ficus.gateway.admin;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ficus.gateway.GatewayIntegrationTest;
import io.ficus.gateway.catalog.Mode;
import io.ficus.testkit.OpenApiContract;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

/** The admin API answers as contracts' {@code openapi/admin-api.yaml} documents it, old endpoints and new. */
class AdminApiContractTest extends GatewayIntegrationTest {

    private static final OpenApiContract CONTRACT = OpenApiContract.of(OpenApiContract.ADMIN_API);

    private final List<String> violations = new ArrayList<>();

    private void check(String method, String pathAndQuery, String body, int expected) {
        var spec = switch (method) {
            case "GET" -> client.get().uri(pathAndQuery);
            case "PUT" -> client.put().uri(pathAndQuery).header("Content-Type", "application/json").bodyValue(body);
            case "POST" -> client.post().uri(pathAndQuery).header("Content-Type", "application/json").bodyValue(body);
            default -> client.delete().uri(pathAndQuery);
        };
        EntityExchangeResult<byte[]> result = spec.header(HttpHeaders.AUTHORIZATION, adminAuthorization()).exchange()
                .expectStatus().isEqualTo(expected).expectBody().returnResult();
        byte[] answer = result.getResponseBody();
        var exchange = new OpenApiContract.Exchange(method, pathAndQuery, body, adminAuthorization(), expected,
                result.getResponseHeaders().getFirst(HttpHeaders.CONTENT_TYPE),
                answer == null ? null : new String(answer, StandardCharsets.UTF_8));
        CONTRACT.strictViolations(exchange).forEach(v -> violations.add(method + " " + pathAndQuery + " -> " + expected + ": " + v));
    }

    @Test
    void everyAdminEndpointAnswersAsTheAdminApiDocumentSays() {
        setGroup("tickets", Mode.SHADOW, 0);
        legacy.stubFor(get("/api/tickets/c1").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"id\":\"c1\",\"title\":\"A\"}")));
        core.stubFor(get("/api/tickets/c1").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"id\":\"c1\",\"title\":\"B\"}")));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                client.get().uri("/api/tickets/c1").exchange().expectStatus().isOk());
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "select count(*) from comparison where route_id = 'tickets-get'", Integer.class) > 0);
        long comparison = jdbc.queryForObject("select max(id) from comparison where route_id = 'tickets-get'", Long.class);

        check("GET", "/ficus/api/routes", null, 200);
        check("GET", "/ficus/api/routes/tickets-get", null, 200);
        check("GET", "/ficus/api/routes/nope", null, 404);
        check("PUT", "/ficus/api/routes/login/mode", "{\"mode\":\"SHADOW\",\"reason\":\"contract\"}", 200);
        check("PUT", "/ficus/api/groups/sessions/mode", "{\"mode\":\"LEGACY\",\"reason\":\"contract\",\"force\":false}", 200);
        check("PUT", "/ficus/api/groups/sessions/mode", "{\"reason\":\"contract\"}", 400);
        check("GET", "/ficus/api/audit?limit=5", null, 200);
        check("GET", "/ficus/api/comparisons?routeId=tickets-get&limit=5", null, 200);
        check("GET", "/ficus/api/comparisons/" + comparison, null, 200);
        check("GET", "/ficus/api/evidence?window=15m", null, 200);
        check("GET", "/ficus/api/evidence?window=1h&group=tickets", null, 200);
        check("GET", "/ficus/api/evidence?window=soon", null, 400);
        check("GET", "/ficus/api/evidence/minutes?window=1h&route=tickets-get", null, 200);
        check("GET", "/ficus/api/evidence/audit?limit=5", null, 200);
        check("GET", "/ficus/api/groups/tickets/policy", null, 200);
        check("PUT", "/ficus/api/groups/users/policy", "{\"window\":\"PT15M\",\"minComparisons\":0,\"maxMismatchRate\":1,"
                + "\"maxCoreErrorRate\":1,\"maxLatencyRatio\":1000000,\"autoRollback\":false}", 200);
        check("GET", "/ficus/api/groups/tickets/readiness?to=NEW", null, 200);
        check("GET", "/ficus/api/groups/nope/readiness", null, 404);
        check("GET", "/ficus/api/routes/tickets-get/ignore", null, 200);
        check("POST", "/ficus/api/routes/tickets-get/ignore", "{\"path\":\"$.updatedAt\",\"reason\":\"contract\"}", 200);
        check("DELETE", "/ficus/api/routes/tickets-get/ignore?path=$.updatedAt&reason=contract", null, 200);
        jdbc.update("delete from group_policy where group_name = 'users'");

        assertThat(violations).isEmpty();
    }
}
