package io.ficus.gateway.admin;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ficus.gateway.GatewayIntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

@SuppressWarnings("unchecked")
class AdminApiTest extends GatewayIntegrationTest {

    @Test
    void refusesRequestsWithoutCredentials() {
        client.get().uri("/ficus/api/routes").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"ficus\"")
                .expectBody().jsonPath("$.status").isEqualTo(401).jsonPath("$.path").isEqualTo("/ficus/api/routes");
    }

    @Test
    void refusesWrongCredentials() {
        client.get().uri("/ficus/api/routes").header(HttpHeaders.AUTHORIZATION, basic(ADMIN, "wrong")).exchange()
                .expectStatus().isUnauthorized();
        client.get().uri("/ficus/api/routes").header(HttpHeaders.AUTHORIZATION, "Basic !!!not-base64").exchange()
                .expectStatus().isUnauthorized();
    }

    @Test
    void listsEveryRouteWithItsModeAndLiveFigures() {
        legacy.stubFor(get("/api/projects").willReturn(aResponse().withStatus(200).withBody("[]")));
        client.get().uri("/api/projects").exchange().expectStatus().isOk();

        client.get().uri("/ficus/api/routes").header(HttpHeaders.AUTHORIZATION, adminAuthorization()).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.length()").isEqualTo(27)
                .jsonPath("$[?(@.id == 'projects-list')].mode").isEqualTo("LEGACY")
                .jsonPath("$[?(@.id == 'projects-list')].group").isEqualTo("projects");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                client.get().uri("/ficus/api/routes/projects-list").header(HttpHeaders.AUTHORIZATION, adminAuthorization())
                        .exchange()
                        .expectBody()
                        .jsonPath("$.figures.backends.legacy.requests").value(n -> assertThat(((Number) n).longValue()).isPositive())
                        .jsonPath("$.figures.backends.legacy.meanMillis").exists());
    }

    @Test
    void changesARouteOfAGroupWithoutWritesAloneAndRecordsWhoWhenAndWhy() {
        client.put().uri("/ficus/api/routes/login/mode").header(HttpHeaders.AUTHORIZATION, adminAuthorization())
                .bodyValue(Map.of("mode", "CANARY", "percent", 10, "reason", "first canary"))
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$[?(@.id == 'login')].percent").isEqualTo(10);

        client.get().uri("/ficus/api/audit?routeId=login&limit=1").header(HttpHeaders.AUTHORIZATION, adminAuthorization())
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$[0].actor").isEqualTo(ADMIN)
                .jsonPath("$[0].from").isEqualTo("LEGACY")
                .jsonPath("$[0].to").isEqualTo("CANARY 10%")
                .jsonPath("$[0].reason").isEqualTo("first canary")
                .jsonPath("$[0].at").isNotEmpty();
    }

    @Test
    void refusesCanaryForAnyRouteOfAGroupWithWritesWith409AndChangesNothing() {
        Integer audited = jdbc.queryForObject("select count(*) from toggle_audit where group_name = 'tickets'", Integer.class);

        client.put().uri("/ficus/api/routes/tickets-get/mode").header(HttpHeaders.AUTHORIZATION, adminAuthorization())
                .bodyValue(Map.of("mode", "CANARY", "percent", 10, "reason", "a read route of a written group"))
                .exchange()
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.message").value(m -> assertThat((String) m)
                        .contains("CANARY is for reads only").contains("tickets-update"));
        client.put().uri("/ficus/api/groups/tickets/mode").header(HttpHeaders.AUTHORIZATION, adminAuthorization())
                .bodyValue(Map.of("mode", "CANARY", "percent", 10, "reason", "the whole group"))
                .exchange()
                .expectStatus().isEqualTo(409);

        assertThat(jdbc.queryForObject("select count(*) from route_toggle where route_id like 'tickets-%' and mode <> 'LEGACY'",
                Integer.class)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from toggle_audit where group_name = 'tickets'", Integer.class))
                .isEqualTo(audited);
    }

    @Test
    void refusesToSplitTheWritesOfAGroupWith409() {
        client.put().uri("/ficus/api/routes/tickets-create/mode").header(HttpHeaders.AUTHORIZATION, adminAuthorization())
                .bodyValue(Map.of("mode", "NEW", "reason", "only creation"))
                .exchange()
                .expectStatus().isEqualTo(409)
                .expectBody()
                .jsonPath("$.status").isEqualTo(409)
                .jsonPath("$.error").isEqualTo("Conflict")
                .jsonPath("$.message").value(m -> assertThat((String) m)
                        .contains("tickets").contains("tickets-update"));

        client.get().uri("/ficus/api/routes/tickets-create").header(HttpHeaders.AUTHORIZATION, adminAuthorization())
                .exchange().expectBody().jsonPath("$.mode").isEqualTo("LEGACY");
    }

    @Test
    void movesAWholeGroupAtOnceHandingItsWritesOverAndReportingThePause() {
        client.put().uri("/ficus/api/groups/phases/mode").header(HttpHeaders.AUTHORIZATION, adminAuthorization())
                .bodyValue(Map.of("mode", "NEW", "reason", "phases are done"))
                .exchange()
                .expectStatus().isOk()
                .expectHeader().exists("X-Ficus-Handover-Id")
                .expectHeader().exists("X-Ficus-Handover-Pause-Millis")
                .expectHeader().value("X-Ficus-Handover-Stages", stages -> assertThat(stages).contains("DRAIN=").contains("RELEASE="))
                .expectBody()
                .jsonPath("$.length()").isEqualTo(4)
                .jsonPath("$[*].mode").value(modes -> assertThat((List<Object>) modes)
                        .containsOnly("NEW"));
    }

    @Test
    void refusesAChangeWithoutAReasonOrWithABadPercentage() {
        client.put().uri("/ficus/api/groups/phases/mode").header(HttpHeaders.AUTHORIZATION, adminAuthorization())
                .bodyValue(Map.of("mode", "NEW")).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.message").isEqualTo("a reason is required");
        client.put().uri("/ficus/api/groups/phases/mode").header(HttpHeaders.AUTHORIZATION, adminAuthorization())
                .bodyValue(Map.of("mode", "CANARY", "percent", 150, "reason", "x")).exchange()
                .expectStatus().isBadRequest();
        client.put().uri("/ficus/api/groups/nope/mode").header(HttpHeaders.AUTHORIZATION, adminAuthorization())
                .bodyValue(Map.of("mode", "NEW", "reason", "x")).exchange()
                .expectStatus().isNotFound();
    }

    @Test
    void refusesShadowedReadsWithAnyModeButNewAndChangesNothing() {
        Integer audited = jdbc.queryForObject("select count(*) from toggle_audit where route_id = 'tickets-get'", Integer.class);

        client.put().uri("/ficus/api/routes/tickets-get/mode").header(HttpHeaders.AUTHORIZATION, adminAuthorization())
                .bodyValue(Map.of("mode", "SHADOW", "shadowReads", true, "reason", "compare"))
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.status").isEqualTo(400)
                .jsonPath("$.message").isEqualTo("shadowReads can only be set with mode NEW (it shadows the legacy while the"
                        + " new core answers), not with SHADOW");
        client.put().uri("/ficus/api/groups/tickets/mode").header(HttpHeaders.AUTHORIZATION, adminAuthorization())
                .bodyValue(Map.of("mode", "CANARY", "percent", 10, "shadowReads", true, "reason", "canary"))
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.message").value(m -> assertThat((String) m).contains("mode NEW"));

        client.get().uri("/ficus/api/routes/tickets-get").header(HttpHeaders.AUTHORIZATION, adminAuthorization()).exchange()
                .expectBody()
                .jsonPath("$.mode").isEqualTo("LEGACY")
                .jsonPath("$.shadowReads").isEqualTo(false);
        assertThat(jdbc.queryForObject("select count(*) from toggle_audit where route_id = 'tickets-get'", Integer.class))
                .isEqualTo(audited);
        assertThat(jdbc.queryForObject("select mode || ' ' || shadow_reads from route_toggle where route_id = 'tickets-get'",
                String.class)).isEqualTo("LEGACY false");
    }

    @Test
    void turnsShadowedReadsOnAndOffWithNewAndAuditsThem() {
        client.put().uri("/ficus/api/groups/tickets/mode").header(HttpHeaders.AUTHORIZATION, adminAuthorization())
                .bodyValue(Map.of("mode", "NEW", "shadowReads", true, "reason", "core answers, legacy still compared"))
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.length()").isEqualTo(6)
                .jsonPath("$[*].mode").value(modes -> assertThat((List<Object>) modes).containsOnly("NEW"))
                .jsonPath("$[*].shadowReads").value(flags -> assertThat((List<Object>) flags).containsOnly(true));

        client.get().uri("/ficus/api/audit?routeId=tickets-get&limit=1").header(HttpHeaders.AUTHORIZATION, adminAuthorization())
                .exchange()
                .expectBody()
                .jsonPath("$[0].from").isEqualTo("LEGACY")
                .jsonPath("$[0].to").isEqualTo("NEW + legacy reads shadowed")
                .jsonPath("$[0].reason").isEqualTo("core answers, legacy still compared");

        client.put().uri("/ficus/api/routes/tickets-update/mode").header(HttpHeaders.AUTHORIZATION, adminAuthorization())
                .bodyValue(Map.of("mode", "NEW", "reason", "a write route alone, still owned by the core"))
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$[?(@.id == 'tickets-update')].shadowReads").isEqualTo(false);
        client.get().uri("/ficus/api/audit?routeId=tickets-update&limit=1").header(HttpHeaders.AUTHORIZATION, adminAuthorization())
                .exchange()
                .expectBody()
                .jsonPath("$[0].from").isEqualTo("NEW + legacy reads shadowed")
                .jsonPath("$[0].to").isEqualTo("NEW");
        client.get().uri("/ficus/api/routes/tickets-get").header(HttpHeaders.AUTHORIZATION, adminAuthorization()).exchange()
                .expectBody()
                .jsonPath("$.mode").isEqualTo("NEW")
                .jsonPath("$.shadowReads").isEqualTo(true);
    }

    @Test
    void listsComparisonsByRouteAndVerdictAndShowsOneInFull() {
        client.put().uri("/ficus/api/routes/projects-get/mode").header(HttpHeaders.AUTHORIZATION, adminAuthorization())
                .bodyValue(Map.of("mode", "SHADOW", "reason", "compare")).exchange().expectStatus().isOk();
        legacy.stubFor(get("/api/projects/p9").willReturn(aResponse().withStatus(200).withBody("{\"name\":\"a\"}")));
        core.stubFor(get("/api/projects/p9").willReturn(aResponse().withStatus(200).withBody("{\"name\":\"b\"}")));
        client.get().uri("/api/projects/p9").exchange().expectStatus().isOk();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                client.get().uri("/ficus/api/comparisons?routeId=projects-get&verdict=MISMATCH")
                        .header(HttpHeaders.AUTHORIZATION, adminAuthorization()).exchange()
                        .expectStatus().isOk()
                        .expectBody().jsonPath("$[0].path").isEqualTo("/api/projects/p9"));

        Number id = (Number) client.get().uri("/ficus/api/comparisons?routeId=projects-get&verdict=MISMATCH&limit=1")
                .header(HttpHeaders.AUTHORIZATION, adminAuthorization()).exchange()
                .expectBody(List.class).returnResult().getResponseBody()
                .stream().map(m -> ((Map<?, ?>) m).get("id")).findFirst().orElseThrow();

        client.get().uri("/ficus/api/comparisons/{id}", id).header(HttpHeaders.AUTHORIZATION, adminAuthorization()).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.differences[0].path").isEqualTo("$.name")
                .jsonPath("$.primary").isEqualTo("LEGACY")
                .jsonPath("$.legacyBody").isEqualTo("{\"name\":\"a\"}")
                .jsonPath("$.coreBody").isEqualTo("{\"name\":\"b\"}");
        client.get().uri("/ficus/api/comparisons/999999999").header(HttpHeaders.AUTHORIZATION, adminAuthorization()).exchange()
                .expectStatus().isNotFound();
    }

    @Test
    void exposesOnlyHealthInfoAndPrometheusOfTheActuatorAndOnlyHealthToAnyone() {
        client.get().uri("/actuator/health").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP").jsonPath("$.components").doesNotExist();
        client.get().uri("/actuator/prometheus").exchange().expectStatus().isUnauthorized();
        client.get().uri("/actuator/prometheus").header(HttpHeaders.AUTHORIZATION, viewerAuthorization()).exchange()
                .expectStatus().isOk();
        client.get().uri("/actuator/gateway/routes").header(HttpHeaders.AUTHORIZATION, viewerAuthorization()).exchange()
                .expectStatus().isNotFound();
        client.get().uri("/actuator/env").header(HttpHeaders.AUTHORIZATION, viewerAuthorization()).exchange()
                .expectStatus().isNotFound();
    }
}
