package io.ficus.gateway.admin;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import io.ficus.gateway.GatewayIntegrationTest;
import io.ficus.gateway.catalog.Mode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

/** The admin API answers as contracts' {@code openapi/admin-api.yaml} documents it, old endpoints and new. */
class AdminApiContractTest extends GatewayIntegrationTest {

    private static final Path DOCUMENT = Path.of("../contracts/src/main/resources/openapi/admin-api.yaml");

    private final List<String> violations = new ArrayList<>();
    private OpenApiInteractionValidator validator;

    private void check(String method, String pathAndQuery, String body, int expected) throws IOException {
        if (validator == null) {
            validator = OpenApiInteractionValidator.createForInlineApiSpecification(
                    Files.readString(DOCUMENT, StandardCharsets.UTF_8)).build();
        }
        var spec = switch (method) {
            case "GET" -> client.get().uri(pathAndQuery);
            case "PUT" -> client.put().uri(pathAndQuery).header("Content-Type", "application/json").bodyValue(body);
            case "POST" -> client.post().uri(pathAndQuery).header("Content-Type", "application/json").bodyValue(body);
            default -> client.delete().uri(pathAndQuery);
        };
        EntityExchangeResult<byte[]> result = spec.header(HttpHeaders.AUTHORIZATION, adminAuthorization()).exchange()
                .expectStatus().isEqualTo(expected).expectBody().returnResult();
        int query = pathAndQuery.indexOf('?');
        String path = query < 0 ? pathAndQuery : pathAndQuery.substring(0, query);
        SimpleResponse.Builder response = SimpleResponse.Builder.status(expected);
        String contentType = result.getResponseHeaders().getFirst(HttpHeaders.CONTENT_TYPE);
        if (contentType != null) {
            response.withContentType(contentType);
        }
        if (result.getResponseBody() != null) {
            response.withBody(new String(result.getResponseBody(), StandardCharsets.UTF_8));
        }
        ValidationReport report = validator.validateResponse(path, Request.Method.valueOf(method), response.build());
        if (expected / 100 == 2) {
            SimpleRequest.Builder request = new SimpleRequest.Builder(method, path).withAuthorization(adminAuthorization());
            if (body != null) {
                request.withBody(body).withContentType("application/json");
            }
            if (query >= 0) {
                for (String pair : pathAndQuery.substring(query + 1).split("&")) {
                    String[] kv = pair.split("=", 2);
                    request.withQueryParam(kv[0], kv.length > 1 ? kv[1] : "");
                }
            }
            report = report.merge(validator.validateRequest(request.build()));
        }
        report.getMessages().stream().filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .forEach(m -> violations.add(method + " " + pathAndQuery + " -> " + expected + ": " + m.getKey() + ": "
                        + m.getMessage()));
    }

    @Test
    void everyAdminEndpointAnswersAsTheAdminApiDocumentSays() throws IOException {
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
