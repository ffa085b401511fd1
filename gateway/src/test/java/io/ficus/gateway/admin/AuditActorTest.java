package io.ficus.gateway.admin;

import io.ficus.gateway.GatewayIntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

/** Every audited change names the authenticated user who made it, not a shared account. */
class AuditActorTest extends GatewayIntegrationTest {

    private void change(String route, String authorization, String reason) {
        client.put().uri("/ficus/api/routes/" + route + "/mode").header(HttpHeaders.AUTHORIZATION, authorization)
                .bodyValue(Map.of("mode", "SHADOW", "reason", reason))
                .exchange()
                .expectStatus().isOk();
    }

    @Test
    void recordsTheNameOfEachOperatorWhoChangesARoute() {
        change("users-get", adminAuthorization(), "first operator");
        change("users-find", basic(SECOND_OPERATOR, ADMIN_PASSWORD), "second operator");

        client.get().uri("/ficus/api/audit?routeId=users-get&limit=1").header(HttpHeaders.AUTHORIZATION, viewerAuthorization())
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$[0].actor").isEqualTo(ADMIN)
                .jsonPath("$[0].reason").isEqualTo("first operator");
        client.get().uri("/ficus/api/audit?routeId=users-find&limit=1").header(HttpHeaders.AUTHORIZATION, viewerAuthorization())
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$[0].actor").isEqualTo(SECOND_OPERATOR)
                .jsonPath("$[0].reason").isEqualTo("second operator");
    }

    @Test
    void recordsTheOperatorOfAGroupChangeOnEveryRouteOfTheGroup() {
        client.put().uri("/ficus/api/groups/sessions/mode").header(HttpHeaders.AUTHORIZATION, basic(SECOND_OPERATOR, ADMIN_PASSWORD))
                .bodyValue(Map.of("mode", "SHADOW", "reason", "group move"))
                .exchange()
                .expectStatus().isOk();

        client.get().uri("/ficus/api/audit?routeId=login&limit=1").header(HttpHeaders.AUTHORIZATION, viewerAuthorization())
                .exchange()
                .expectBody().jsonPath("$[0].actor").isEqualTo(SECOND_OPERATOR);
    }
}
