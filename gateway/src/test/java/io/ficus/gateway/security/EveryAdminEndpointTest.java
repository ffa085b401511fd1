package io.ficus.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.ficus.gateway.GatewayIntegrationTest;
import io.ficus.testkit.RawHttp;
import io.ficus.testkit.RawHttp.Answer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.result.method.RequestMappingInfo;
import org.springframework.web.reactive.result.method.RequestMappingInfoHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Every endpoint the application serves, enumerated from its handler mappings rather than listed by hand, so a new
 * endpoint is covered the day it is added: an anonymous caller gets 401 on each (but the health status), a viewer
 * 403 on each that is not a read, and an operator gets past security on each.
 */
class EveryAdminEndpointTest extends GatewayIntegrationTest {

    private record Endpoint(RequestMethod method, String path) {
    }

    @Autowired
    private ApplicationContext context;

    private List<Endpoint> endpoints() {
        List<Endpoint> endpoints = new ArrayList<>();
        for (RequestMappingInfoHandlerMapping mapping : context.getBeansOfType(RequestMappingInfoHandlerMapping.class).values()) {
            for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
                Set<RequestMethod> methods = info.getMethodsCondition().getMethods().isEmpty()
                        ? EnumSet.of(RequestMethod.GET, RequestMethod.POST, RequestMethod.PUT, RequestMethod.DELETE)
                        : info.getMethodsCondition().getMethods();
                for (PathPattern pattern : info.getPatternsCondition().getPatterns()) {
                    String path = pattern.getPatternString().replaceAll("\\{\\*?[^}]+}", "tickets-get").replace("/**", "/x");
                    methods.forEach(method -> endpoints.add(new Endpoint(method, path)));
                }
            }
        }
        return endpoints;
    }

    private static boolean read(Endpoint endpoint) {
        return endpoint.method() == RequestMethod.GET || endpoint.method() == RequestMethod.HEAD;
    }

    private Answer call(Endpoint endpoint, String authorization) {
        return authorization == null ? RawHttp.to(port).send(endpoint.method().name(), endpoint.path(), "Content-Length: 0")
                : RawHttp.to(port).send(endpoint.method().name(), endpoint.path(), "Content-Length: 0",
                "Authorization: " + authorization);
    }

    @Test
    void findsTheAdminApiAndTheActuatorAndNothingOutsideTheGuardedPaths() {
        assertThat(context.getBeansOfType(RouterFunction.class)).as("no router functions to enumerate").isEmpty();
        List<Endpoint> endpoints = endpoints();

        assertThat(endpoints).contains(new Endpoint(RequestMethod.GET, "/ficus/api/routes"),
                new Endpoint(RequestMethod.PUT, "/ficus/api/groups/tickets-get/mode"),
                new Endpoint(RequestMethod.GET, "/actuator/prometheus"));
        assertThat(endpoints).allSatisfy(endpoint -> assertThat(endpoint.path()).matches("/(ficus|actuator)(/.*)?"));
    }

    @Test
    void refusesAnAnonymousCallerOnEveryEndpointButTheHealthStatus() {
        for (Endpoint endpoint : endpoints()) {
            Answer answer = call(endpoint, null);
            if (endpoint.path().startsWith("/actuator/health") && read(endpoint)) {
                assertThat(answer.status()).as(endpoint.toString()).isNotIn(401, 403);
            } else {
                assertThat(answer.status()).as(endpoint.toString()).isEqualTo(401);
                assertThat(answer.headers().get("www-authenticate")).as(endpoint.toString()).isEqualTo("Basic realm=\"ficus\"");
                assertThat(answer.body()).as(endpoint.toString()).contains("\"status\":401", "\"error\":\"Unauthorized\"");
            }
        }
    }

    @Test
    void refusesAViewerEveryChangeAndLetsItReadEverything() {
        for (Endpoint endpoint : endpoints()) {
            Answer answer = call(endpoint, viewerAuthorization());
            if (read(endpoint)) {
                assertThat(answer.status()).as(endpoint.toString()).isNotIn(401, 403);
            } else {
                assertThat(answer.status()).as(endpoint.toString()).isEqualTo(403);
                assertThat(answer.body()).as(endpoint.toString()).contains("\"status\":403", "\"error\":\"Forbidden\"");
            }
        }
    }

    @Test
    void letsAnOperatorPastSecurityOnEveryEndpoint() {
        int audited = jdbc.queryForObject("select count(*) from toggle_audit", Integer.class);
        for (Endpoint endpoint : endpoints()) {
            assertThat(call(endpoint, adminAuthorization()).status()).as(endpoint.toString()).isNotIn(401, 403);
        }
        assertThat(jdbc.queryForObject("select count(*) from toggle_audit", Integer.class))
                .as("the bodiless changes were refused as bad input").isEqualTo(audited);
    }

    @Test
    void refusesAViewerAModeChangeWithAJsonAnswerAndChangesNothing() {
        Answer answer = RawHttp.to(port).sendJson(HttpMethod.PUT.name(), "/ficus/api/groups/tickets/mode",
                "{\"mode\":\"NEW\",\"reason\":\"viewer tries\"}", "Authorization: " + viewerAuthorization());

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.headers().get("content-type")).startsWith("application/json");
        assertThat(answer.body()).contains("OPERATOR");
        assertThat(jdbc.queryForObject("select count(*) from route_toggle where mode <> 'LEGACY'", Integer.class)).isZero();
    }
}
