package io.ficus.adapter.security;

import io.ficus.testkit.RawHttp;
import static io.ficus.testkit.RawHttp.basic;
import static org.assertj.core.api.Assertions.assertThat;

import io.ficus.adapter.AdapterIntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The admin API over real HTTP: who gets in, who does not, and no path trick around it. */
class AdminApiSecurityTest extends AdapterIntegrationTest {

    static final JsonMapper json = JsonMapper.builder().build();
    static final String JOB = "/ficus/reconciliation/" + UUID.randomUUID();

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping handlers;

    RawHttp http() {
        return RawHttp.to(port);
    }

    static JsonNode body(RawHttp.Answer answer) {
        assertThat(answer.header("content-type")).as("content type of %s", answer.body()).startsWith("application/").contains("json");
        return json.readTree(answer.body());
    }

    static void assertError(RawHttp.Answer answer, int status) {
        assertThat(answer.status()).as("status of %s", answer.body()).isEqualTo(status);
        JsonNode body = body(answer);
        assertThat(body.path("status").asInt()).isEqualTo(status);
        assertThat(body.path("error").asString()).isNotBlank();
        assertThat(body.path("message").asString()).isNotBlank();
    }

    @Test
    void anAnonymousCallerGetsAJson401WithABasicChallengeAndNoSession() {
        var answer = http().send("GET", JOB);
        assertError(answer, 401);
        assertThat(answer.header("www-authenticate")).isEqualTo("Basic realm=\"ficus\"");
        assertThat(body(answer).path("error").asString()).isEqualTo("Unauthorized");
        assertThat(answer.header("set-cookie")).isNull();

        var ok = http().send("GET", JOB, basic(VIEWER));
        assertThat(ok.header("set-cookie")).as("stateless: no session cookie").isNull();
    }

    @Test
    void aWrongPasswordOrAnUnknownUserIsA401() {
        assertError(http().send("GET", JOB, basic(VIEWER[0], "wrong")), 401);
        assertError(http().send("GET", JOB, basic("nobody", "whatever")), 401);
    }

    @Test
    void aViewerReadsReportsButMayNotStartARun() {
        assertThat(http().send("GET", JOB, basic(VIEWER)).status()).as("an unknown job, after authorization").isEqualTo(404);

        var refused = http().send("POST", "/ficus/reconciliation?mode=bogus", basic(VIEWER));
        assertError(refused, 403);
        assertThat(body(refused).path("error").asString()).isEqualTo("Forbidden");
    }

    @Test
    void anOperatorReadsAndReachesTheRunEndpoint() {
        assertThat(http().send("GET", JOB, basic(OPERATOR)).status()).isEqualTo(404);
        var answer = http().send("POST", "/ficus/reconciliation?mode=bogus", basic(OPERATOR));
        assertError(answer, 400);
        assertThat(body(answer).path("message").asString()).contains("mode must be full or incremental");
    }

    /** Every handler under /ficus, as Spring MVC knows them, refuses anonymous callers, and viewers for anything but reads. */
    @Test
    void everyAdminHandlerRefusesAnonymousCallersAndViewersForWrites() {
        List<String> checked = new ArrayList<>();
        handlers.getHandlerMethods().forEach((info, method) -> {
            for (String pattern : info.getPatternValues()) {
                if (!pattern.startsWith("/ficus")) {
                    continue;
                }
                String path = pattern.replaceAll("\\{[^}]*}", UUID.randomUUID().toString()).replace("/**", "/x");
                Set<RequestMethod> methods = info.getMethodsCondition().getMethods().isEmpty()
                        ? Set.of(RequestMethod.GET, RequestMethod.POST, RequestMethod.PUT, RequestMethod.PATCH, RequestMethod.DELETE)
                        : info.getMethodsCondition().getMethods();
                for (RequestMethod verb : methods) {
                    var anonymous = http().send(verb.name(), path);
                    assertThat(anonymous.status()).as("anonymous %s %s (%s)", verb, path, method).isEqualTo(401);
                    if (verb != RequestMethod.GET && verb != RequestMethod.HEAD) {
                        assertThat(http().send(verb.name(), path, basic(VIEWER)).status())
                                .as("viewer %s %s (%s)", verb, path, method).isEqualTo(403);
                    }
                    checked.add(verb + " " + pattern);
                }
            }
        });
        assertThat(checked).as("the enumeration found the admin API").contains("POST /ficus/reconciliation", "GET /ficus/reconciliation/{id}");
    }

    /** Path tricks that slip past a prefix test are refused by the firewall before any matching. */
    @ParameterizedTest
    @ValueSource(strings = {"/ficus;x/reconciliation", "/ficus/reconciliation;x", "/ficus/reconciliation/;/x",
            "//ficus/reconciliation", "/ficus//reconciliation", "/x/../ficus/reconciliation", "/ficus/./reconciliation",
            "/ficus/%2e%2e/ficus/reconciliation", "/ficus%2freconciliation", "/ficus%2Freconciliation",
            "/%2e/ficus/reconciliation", "/ficus/reconciliation%25", "/ficus\\reconciliation", "/ficus/reconciliation%00"})
    void aPathTrickIsAJson400(String target) {
        for (String method : List.of("GET", "POST")) {
            var answer = http().send(method, target + "?mode=full");
            assertError(answer, 400);
        }
    }

    /** An encoded letter or other case still reaches the rules: asked for credentials, never served. */
    @ParameterizedTest
    @ValueSource(strings = {"/%66icus/reconciliation", "/ficu%73/reconciliation", "/FICUS/reconciliation", "/Ficus/Reconciliation"})
    void anEncodedLetterOrAnotherCaseStillNeedsCredentials(String target) {
        for (String method : List.of("GET", "POST")) {
            var answer = http().send(method, target + "?mode=full");
            assertError(answer, 401);
        }
        assertThat(http().send("POST", "/%66icus/reconciliation?mode=bogus", basic(VIEWER)).status())
                .as("decoded, it is the operator's endpoint").isEqualTo(403);
    }

    @Test
    void healthIsAnonymousAndShowsItsStatusOnly() {
        var answer = http().send("GET", "/actuator/health");
        assertThat(answer.status()).isEqualTo(200);
        JsonNode body = body(answer);
        assertThat(body.path("status").asString()).isEqualTo("UP");
        assertThat(body.has("components")).isFalse();
        assertThat(body.has("details")).isFalse();
        assertThat(answer.body()).doesNotContain("jdbc", "/tmp", "localhost");
    }
}
