package io.ficus.gateway.evidence;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ficus.gateway.GatewayIntegrationTest;
import io.ficus.gateway.catalog.Mode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

@SuppressWarnings("unchecked")
class PromotionGateTest extends GatewayIntegrationTest {

    private static final String GROUP = "sessions";

    @BeforeEach
    void strictPolicy() {
        jdbc.update("delete from evidence_minute where route_id = 'login'");
        client.put().uri("/ficus/api/groups/" + GROUP + "/policy").header(HttpHeaders.AUTHORIZATION, adminAuthorization())
                .bodyValue(Map.of("window", "PT15M", "minComparisons", 3, "maxMismatchRate", 0.01, "maxCoreErrorRate", 0.01,
                        "maxLatencyRatio", 1000.0, "autoRollback", false))
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.group").isEqualTo(GROUP).jsonPath("$.minComparisons").isEqualTo(3);
    }

    @AfterEach
    void defaultPolicy() {
        jdbc.update("delete from group_policy where group_name = ?", GROUP);
    }

    private void flip(String mode, boolean force, int status) {
        Map<String, Object> body = force ? Map.of("mode", mode, "reason", "we know better", "force", true)
                : Map.of("mode", mode, "reason", "evidence is in");
        client.put().uri("/ficus/api/groups/" + GROUP + "/mode").header(HttpHeaders.AUTHORIZATION, adminAuthorization())
                .bodyValue(body).exchange().expectStatus().isEqualTo(status);
    }

    @Test
    void showsTheStoredPolicyAndAuditsItsChange() {
        client.get().uri("/ficus/api/groups/" + GROUP + "/policy").header(HttpHeaders.AUTHORIZATION, viewerAuthorization())
                .exchange().expectStatus().isOk()
                .expectBody().json("{\"group\":\"sessions\",\"window\":\"PT15M\",\"minComparisons\":3,\"maxMismatchRate\":0.01,"
                        + "\"maxCoreErrorRate\":0.01,\"maxLatencyRatio\":1000.0,\"autoRollback\":false}");
        assertThat(jdbc.queryForObject("select actor from evidence_audit where kind = 'POLICY' and subject = ?"
                + " order by id desc limit 1", String.class, GROUP)).isEqualTo(ADMIN);
    }

    @Test
    void refusesABadPolicyWith400AndKeepsTheStoredOne() {
        for (Map<String, Object> bad : List.of(Map.<String, Object>of("window", "PT15M"),
                Map.<String, Object>of("window", "soon", "minComparisons", 3, "maxMismatchRate", 0.01, "maxCoreErrorRate", 0.01,
                        "maxLatencyRatio", 2.0, "autoRollback", true),
                Map.<String, Object>of("window", "PT15M", "minComparisons", 3, "maxMismatchRate", 2, "maxCoreErrorRate", 0.01,
                        "maxLatencyRatio", 2.0, "autoRollback", true))) {
            client.put().uri("/ficus/api/groups/" + GROUP + "/policy").header(HttpHeaders.AUTHORIZATION, adminAuthorization())
                    .bodyValue(bad).exchange().expectStatus().isBadRequest();
        }
        client.put().uri("/ficus/api/groups/" + GROUP + "/policy").header(HttpHeaders.AUTHORIZATION, viewerAuthorization())
                .bodyValue(Map.of()).exchange().expectStatus().isForbidden();
        client.get().uri("/ficus/api/groups/nope/policy").header(HttpHeaders.AUTHORIZATION, viewerAuthorization())
                .exchange().expectStatus().isNotFound();
        assertThat(jdbc.queryForObject("select min_comparisons from group_policy where group_name = ?", Integer.class, GROUP))
                .isEqualTo(3);
    }

    @Test
    void refusesAPromotionWithTooLittleEvidenceWith409NamingTheUnmetConditionsAndChangesNothing() {
        flip("SHADOW", false, 200);

        client.put().uri("/ficus/api/groups/" + GROUP + "/mode").header(HttpHeaders.AUTHORIZATION, adminAuthorization())
                .bodyValue(Map.of("mode", "NEW", "reason", "looks fine")).exchange()
                .expectStatus().isEqualTo(409)
                .expectBody()
                .jsonPath("$.status").isEqualTo(409)
                .jsonPath("$.error").isEqualTo("Conflict")
                .jsonPath("$.message").value(m -> assertThat((String) m).contains("sessions").contains("NEW"))
                .jsonPath("$.unmet[0]").isEqualTo("at least 3 comparisons in 15m (has 0)");
        client.put().uri("/ficus/api/routes/login/mode").header(HttpHeaders.AUTHORIZATION, adminAuthorization())
                .bodyValue(Map.of("mode", "CANARY", "percent", 10, "reason", "looks fine")).exchange()
                .expectStatus().isEqualTo(409);

        assertThat(toggles.snapshot().of("login").mode()).isEqualTo(Mode.SHADOW);
        client.get().uri("/ficus/api/groups/" + GROUP + "/readiness?to=CANARY").header(HttpHeaders.AUTHORIZATION,
                        viewerAuthorization()).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.group").isEqualTo(GROUP)
                .jsonPath("$.to").isEqualTo("CANARY")
                .jsonPath("$.met").isEqualTo(false)
                .jsonPath("$.unmet.length()").isEqualTo(1)
                .jsonPath("$.figures.comparisons").isEqualTo(0);
    }

    @Test
    void allowsThePromotionOnceTheEvidenceMeetsThePolicy() {
        flip("SHADOW", false, 200);
        legacy.stubFor(get("/api/login").willReturn(aResponse().withStatus(405)));
        String body = "{\"token\":\"abc\",\"expiresIn\":3600,\"user\":\"u1\"}";
        legacy.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post("/api/login").willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json").withBody(body)));
        core.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post("/api/login").willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"token\":\"xyz\",\"expiresIn\":3599,\"user\":\"u1\"}")));

        for (int i = 0; i < 3; i++) {
            client.post().uri("/api/login").header("Content-Type", "application/json").bodyValue("{\"email\":\"a@b.c\"}")
                    .exchange().expectStatus().isOk();
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                client.get().uri("/ficus/api/groups/" + GROUP + "/readiness?to=NEW").header(HttpHeaders.AUTHORIZATION,
                                viewerAuthorization()).exchange()
                        .expectBody().jsonPath("$.met").isEqualTo(true).jsonPath("$.unmet.length()").isEqualTo(0));
        flip("NEW", false, 200);
        assertThat(toggles.snapshot().of("login").mode()).isEqualTo(Mode.NEW);
    }

    @Test
    void forcesAPromotionWithAReasonAndAuditsItAsForced() {
        flip("SHADOW", false, 200);

        flip("NEW", true, 200);

        assertThat(toggles.snapshot().of("login").mode()).isEqualTo(Mode.NEW);
        client.get().uri("/ficus/api/audit?routeId=login&limit=1").header(HttpHeaders.AUTHORIZATION, viewerAuthorization())
                .exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$[0].forced").isEqualTo(true)
                .jsonPath("$[0].reason").isEqualTo("we know better")
                .jsonPath("$[0].actor").isEqualTo(ADMIN);
        client.get().uri("/ficus/api/evidence/audit?subject=" + GROUP + "&limit=1").header(HttpHeaders.AUTHORIZATION,
                        viewerAuthorization()).exchange()
                .expectBody()
                .jsonPath("$[0].kind").isEqualTo("FORCED_PROMOTION")
                .jsonPath("$[0].forced").isEqualTo(true)
                .jsonPath("$[0].detail").value(d -> assertThat((String) d).contains("at least 3 comparisons"));
    }

    @Test
    void neverGatesARollbackTowardsTheLegacy() {
        flip("SHADOW", false, 200);
        flip("NEW", true, 200);

        flip("SHADOW", false, 200);
        flip("LEGACY", false, 200);

        assertThat(toggles.snapshot().of("login").mode()).isEqualTo(Mode.LEGACY);
    }
}
