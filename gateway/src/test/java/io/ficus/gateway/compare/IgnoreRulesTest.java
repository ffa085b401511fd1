package io.ficus.gateway.compare;

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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;

class IgnoreRulesTest extends GatewayIntegrationTest {

    @Autowired
    private ComparisonStore comparisons;

    private long lastBefore;

    @BeforeEach
    void shadowProjects() {
        setGroup("projects", Mode.SHADOW, 0);
        legacy.stubFor(get("/api/projects/n1").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"id\":\"n1\",\"name\":\"A\",\"seen\":\"1\"}")));
        core.stubFor(get("/api/projects/n1").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"id\":\"n1\",\"name\":\"A\",\"seen\":\"2\"}")));
        // the first proxied request of a fresh context may pass the test's 3s response timeout on a loaded machine
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                client.get().uri("/api/projects/n1").exchange().expectStatus().isOk());
    }

    @AfterEach
    void noRules() {
        jdbc.update("delete from route_ignore where route_id = 'projects-get'");
    }

    private Verdict nextVerdict() {
        lastBefore = jdbc.queryForObject("select coalesce(max(id), 0) from comparison", Long.class);
        client.get().uri("/api/projects/n1").exchange().expectStatus().isOk();
        return await().atMost(Duration.ofSeconds(30)).until(() -> {
            List<ComparisonSummary> newer = comparisons.list("projects-get", null, null, 1);
            return newer.isEmpty() || newer.get(0).id() <= lastBefore ? null : newer.get(0).verdict();
        }, v -> v != null);
    }

    @Test
    void anIgnoreRuleAddedAtRuntimeDiscountsItsPathUntilRemovedAndBothAreAudited() {
        assertThat(nextVerdict()).isEqualTo(Verdict.MISMATCH);

        client.post().uri("/ficus/api/routes/projects-get/ignore").header(HttpHeaders.AUTHORIZATION, adminAuthorization())
                .bodyValue(Map.of("path", "$.seen", "reason", "a visit counter")).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.stored[0].path").isEqualTo("$.seen").jsonPath("$.stored[0].source").isEqualTo("RULE")
                .jsonPath("$.stored[0].createdBy").isEqualTo(ADMIN);
        assertThat(nextVerdict()).isEqualTo(Verdict.MATCH);

        client.delete().uri("/ficus/api/routes/projects-get/ignore?path={p}&reason={r}", "$.seen", "counted after all")
                .header(HttpHeaders.AUTHORIZATION, adminAuthorization()).exchange().expectStatus().isOk();
        assertThat(nextVerdict()).isEqualTo(Verdict.MISMATCH);
        assertThat(jdbc.queryForList("select detail from evidence_audit where kind = 'IGNORE_RULE' and subject = 'projects-get'"
                + " order by id desc limit 2", String.class)).containsExactly("removed $.seen", "added $.seen");
    }

    @Test
    void refusesABadRuleWith400AndAViewerWith403AndChangesNothing() {
        for (Map<String, Object> bad : List.of(Map.<String, Object>of("path", "seen", "reason", "r"),
                Map.<String, Object>of("path", "$.seen"), Map.<String, Object>of("path", "$.a[", "reason", "r"))) {
            client.post().uri("/ficus/api/routes/projects-get/ignore").header(HttpHeaders.AUTHORIZATION, adminAuthorization())
                    .bodyValue(bad).exchange().expectStatus().isBadRequest();
        }
        client.post().uri("/ficus/api/routes/projects-get/ignore").header(HttpHeaders.AUTHORIZATION, viewerAuthorization())
                .bodyValue(Map.of("path", "$.seen", "reason", "r")).exchange().expectStatus().isForbidden();
        client.post().uri("/ficus/api/routes/nope/ignore").header(HttpHeaders.AUTHORIZATION, adminAuthorization())
                .bodyValue(Map.of("path", "$.seen", "reason", "r")).exchange().expectStatus().isNotFound();
        assertThat(jdbc.queryForObject("select count(*) from route_ignore where route_id = 'projects-get'", Integer.class))
                .isZero();
    }
}
