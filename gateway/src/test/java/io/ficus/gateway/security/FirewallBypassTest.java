package io.ficus.gateway.security;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

import io.ficus.gateway.GatewayIntegrationTest;
import io.ficus.testkit.RawHttp;
import io.ficus.testkit.RawHttp.Answer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Every trick that once reached the admin API without credentials (issue 10, finding 1), sent byte for byte: the
 * firewall answers 400 before anything routes, or the request is matched on the same decoded path WebFlux routes on
 * and needs credentials. None of them answers admin data or changes a toggle.
 */
class FirewallBypassTest extends GatewayIntegrationTest {

    private int audited;

    @BeforeEach
    void countAuditEntriesAndStubTheLegacy() {
        audited = jdbc.queryForObject("select count(*) from toggle_audit", Integer.class);
        legacy.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("{\"legacy\":true}")));
    }

    private Answer anonymous(String method, String target, String... headers) {
        return RawHttp.to(port).send(method, target, headers);
    }

    private void assertRejectedByTheFirewall(Answer answer) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
        assertThat(answer.headers().get("content-type")).startsWith("application/json");
        assertThat(answer.body()).contains("\"status\":400").contains("The request was rejected");
    }

    private void assertNothingReachedABackendOrChanged() {
        legacy.verify(0, anyRequestedFor(anyUrl()));
        core.verify(0, anyRequestedFor(anyUrl()));
        assertThat(jdbc.queryForObject("select count(*) from toggle_audit", Integer.class)).isEqualTo(audited);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "/ficus;x/api/comparisons/1", "/ficus/api;x/audit", "/ficus/api/audit;x", "/ficus/api/comparisons/1;x",
            "/ficus;/api/audit", "/ficus%3bx/api/audit", "/ficus%3Bx/api/audit"})
    void rejectsASemicolonInAnySegment(String target) {
        assertRejectedByTheFirewall(anonymous("GET", target));
        assertNothingReachedABackendOrChanged();
    }

    @Test
    void rejectsAModeChangeThroughASemicolonAndChangesNothing() {
        Answer answer = RawHttp.to(port).sendJson("PUT", "/ficus;x/api/routes/tickets-get/mode",
                "{\"mode\":\"NEW\",\"reason\":\"bypass attempt\"}");

        assertRejectedByTheFirewall(answer);
        assertNothingReachedABackendOrChanged();
        assertThat(jdbc.queryForObject("select mode from route_toggle where route_id = 'tickets-get'", String.class))
                .isEqualTo("LEGACY");
    }

    @Test
    void matchesAPercentEncodedLetterOnTheDecodedPathAndAsksForCredentials() {
        Answer anonymous = anonymous("GET", "/%66icus/api/audit");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.headers().get("www-authenticate")).isEqualTo("Basic realm=\"ficus\"");

        Answer viewer = anonymous("GET", "/%66icus/api/audit", "Authorization: " + viewerAuthorization());
        assertThat(viewer.status()).as("the same endpoint, for a user who may read it").isEqualTo(200);
        assertThat(anonymous("PUT", "/fic%75s/api/groups/tickets/mode", "Content-Length: 0").status()).isEqualTo(401);
        assertThat(RawHttp.to(port).sendJson("PUT", "/fic%75s/api/groups/tickets/mode", "{}",
                "Authorization: " + basic("intruder", "wrong")).status()).isEqualTo(401);
        assertThat(anonymous("PUT", "/fic%75s/api/groups/tickets/mode", "Content-Length: 0",
                "Authorization: " + viewerAuthorization()).status()).isEqualTo(403);
        assertNothingReachedABackendOrChanged();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/%2Fficus/api/audit", "/%2fficus/api/audit", "/ficus%2Fapi/audit", "/ficus/api%2faudit",
            "//ficus/api/audit", "/ficus//api/audit", "/%2F%2Fficus/api/audit"})
    void rejectsEncodedAndDoubledSlashes(String target) {
        assertRejectedByTheFirewall(anonymous("GET", target));
        assertNothingReachedABackendOrChanged();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/./ficus/api/audit", "/ficus/./api/audit", "/api/../ficus/api/audit", "/ficus/api/audit/..",
            "/x/../ficus/api/audit", "/%2e/ficus/api/audit", "/api/%2e%2e/ficus/api/audit", "/api/%2E%2E/ficus/api/audit",
            "/ficus/api/%252e%252e/audit", "/ficus/api/audit%25"})
    void rejectsDotSegmentsEncodedDotsAndEncodedPercents(String target) {
        assertRejectedByTheFirewall(anonymous("GET", target));
        assertNothingReachedABackendOrChanged();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/ficus\\api\\audit", "/ficus%5capi/audit", "/ficus%5Capi/audit", "/ficus/api/audit%00",
            "/ficus/api/audit%0d%0a", "/ficus/api/audit%0a", "/ficus/api/%E2%80%A8audit"})
    void rejectsBackslashesAndControlCharacters(String target) {
        Answer answer = anonymous("GET", target);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
        assertThat(answer.body()).doesNotContain("actor").doesNotContain("routeId");
        assertNothingReachedABackendOrChanged();
    }

    @Test
    void asksForCredentialsWhateverTheCaseOfThePrefixAndRoutesOnlyTheExactOne() {
        assertThat(anonymous("GET", "/FICUS/api/audit").status()).isEqualTo(401);
        assertThat(anonymous("GET", "/Ficus/API/audit").status()).isEqualTo(401);
        assertThat(anonymous("GET", "/FICUS/api/audit", "Authorization: " + viewerAuthorization()).status())
                .as("nothing routes a path in another case").isEqualTo(404);
        assertNothingReachedABackendOrChanged();
    }

    @Test
    void asksForCredentialsWithATrailingSlash() {
        assertThat(anonymous("GET", "/ficus/api/audit/").status()).isEqualTo(401);
        assertThat(anonymous("GET", "/ficus/").status()).isEqualTo(401);
        assertThat(anonymous("GET", "/ficus").status()).isEqualTo(401);
        assertNothingReachedABackendOrChanged();
    }

    @Test
    void asksForCredentialsForHeadAndOptions() {
        assertThat(anonymous("HEAD", "/ficus/api/audit").status()).isEqualTo(401);
        assertThat(anonymous("OPTIONS", "/ficus/api/routes/tickets-get/mode").status()).isEqualTo(401);
        assertThat(anonymous("OPTIONS", "/ficus/api/routes/tickets-get/mode", "Origin: http://evil.example",
                "Access-Control-Request-Method: PUT").status()).isEqualTo(401);
        assertThat(anonymous("HEAD", "/ficus/api/audit", "Authorization: " + viewerAuthorization()).status()).isEqualTo(200);
        assertThat(anonymous("OPTIONS", "/ficus/api/routes", "Authorization: " + viewerAuthorization()).status())
                .isEqualTo(403);
        assertNothingReachedABackendOrChanged();
    }

    @Test
    void ignoresMethodOverrideHeadersAndParameters() {
        String body = "{\"mode\":\"NEW\",\"reason\":\"override attempt\"}";
        for (String override : new String[] {"X-HTTP-Method-Override: PUT", "X-HTTP-Method: PUT", "X-Method-Override: PUT"}) {
            assertThat(anonymous("GET", "/ficus/api/routes/tickets-get/mode", override).status()).isEqualTo(401);
            Answer viewer = RawHttp.to(port).sendJson("POST", "/ficus/api/routes/tickets-get/mode", body, override,
                    "Authorization: " + viewerAuthorization());
            assertThat(viewer.status()).as("a viewer's POST stays a POST").isEqualTo(403);
            Answer viewerGet = anonymous("GET", "/ficus/api/routes/tickets-get/mode", override,
                    "Authorization: " + viewerAuthorization());
            assertThat(viewerGet.status()).as("a viewer's GET stays a GET, which no handler takes").isEqualTo(405);
        }
        assertThat(anonymous("POST", "/ficus/api/routes/tickets-get/mode?_method=PUT", "Authorization: " + viewerAuthorization(),
                "Content-Length: 0").status()).isEqualTo(403);
        Answer operatorPost = RawHttp.to(port).sendJson("POST", "/ficus/api/routes/tickets-get/mode?_method=PUT", body,
                "X-HTTP-Method-Override: PUT", "Authorization: " + adminAuthorization());
        assertThat(operatorPost.status()).as("an operator's POST is not turned into the PUT it names").isEqualTo(405);
        assertNothingReachedABackendOrChanged();
    }

    @Test
    void rejectsMethodsOutsideTheStandardSeven() {
        assertRejectedByTheFirewall(anonymous("TRACE", "/ficus/api/audit"));
        assertRejectedByTheFirewall(anonymous("TRACE", "/api/projects"));
        assertRejectedByTheFirewall(anonymous("PROPFIND", "/api/projects"));
        assertNothingReachedABackendOrChanged();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api;x/projects", "/api/projects;jsessionid=1", "/api/%2e%2e/ficus/api/audit", "//api/projects",
            "/api/projects%2F1", "/api/./projects", "/api/projects/%25"})
    void rejectsTheSameTricksOnTheProxiedApiBeforeRouting(String target) {
        assertRejectedByTheFirewall(anonymous("GET", target));
        assertNothingReachedABackendOrChanged();
    }

    @Test
    void letsAnOrdinaryProxiedRequestThrough() {
        Answer answer = anonymous("GET", "/api/projects?name=a%20b");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("{\"legacy\":true}");
    }
}
