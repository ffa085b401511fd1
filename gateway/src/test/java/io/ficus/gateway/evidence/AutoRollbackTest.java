package io.ficus.gateway.evidence;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ficus.gateway.GatewayIntegrationTest;
import io.ficus.gateway.catalog.Mode;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;

class AutoRollbackTest extends GatewayIntegrationTest {

    private static final String GROUP = "projects";

    @Autowired
    private MeterRegistry meters;

    @AfterEach
    void defaultPolicy() {
        jdbc.update("delete from group_policy where group_name = ?", GROUP);
    }

    private void policy(boolean autoRollback) {
        client.put().uri("/ficus/api/groups/" + GROUP + "/policy").header(HttpHeaders.AUTHORIZATION, adminAuthorization())
                .bodyValue(Map.of("window", "PT15M", "minComparisons", 0, "maxMismatchRate", 1.0, "maxCoreErrorRate", 0.1,
                        "maxLatencyRatio", 1000.0, "autoRollback", autoRollback))
                .exchange().expectStatus().isOk();
    }

    @Test
    void aGroupWhoseCoreStartsFailingIsRolledBackToShadowWithinFiveSecondsAndAudited() {
        policy(true);
        setGroup(GROUP, Mode.NEW, 0);
        core.stubFor(get("/api/projects").willReturn(aResponse().withStatus(200).withBody("[]")));
        client.get().uri("/api/projects").exchange().expectStatus().isOk();
        double before = meters.counter("ficus.gateway.auto.rollbacks", "group", GROUP, "outcome", "done").count();

        core.stubFor(get("/api/projects").willReturn(aResponse().withStatus(500).withBody("{\"error\":\"boom\"}")));
        for (int i = 0; i < 12; i++) {
            client.get().uri("/api/projects").exchange().expectStatus().isEqualTo(500);
        }
        long breach = System.nanoTime();

        await().atMost(Duration.ofSeconds(5)).until(() -> toggles.snapshot().of("projects-list").mode() == Mode.SHADOW);
        assertThat(Duration.ofNanos(System.nanoTime() - breach)).isLessThan(Duration.ofSeconds(5));
        assertThat(catalogModes()).containsOnly(Mode.SHADOW);
        Map<String, Object> audit = jdbc.queryForMap("select actor, reason from toggle_audit where route_id = 'projects-list'"
                + " order by id desc limit 1");
        assertThat(audit.get("actor")).isEqualTo(AutoRollback.ACTOR);
        assertThat((String) audit.get("reason")).contains("core error rate").contains("exceeds 10.0%");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(jdbc.queryForList("select detail from evidence_audit where kind = 'AUTO_ROLLBACK' and subject = ?"
                    + " order by id desc limit 1", String.class, GROUP)).singleElement().asString().contains("core error rate");
            assertThat(meters.counter("ficus.gateway.auto.rollbacks", "group", GROUP, "outcome", "done").count())
                    .isEqualTo(before + 1);
        });
    }

    @Test
    void leavesAGroupWhosePolicyTurnsAutomaticRollbackOffAlone() {
        policy(false);
        setGroup(GROUP, Mode.NEW, 0);
        core.stubFor(get("/api/projects").willReturn(aResponse().withStatus(500)));

        for (int i = 0; i < 12; i++) {
            client.get().uri("/api/projects").exchange().expectStatus().isEqualTo(500);
        }

        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .until(() -> toggles.snapshot().of("projects-list").mode() == Mode.NEW);
    }

    private java.util.List<Mode> catalogModes() {
        return jdbc.queryForList("select mode from route_toggle where route_id like 'projects-%'", String.class).stream()
                .map(Mode::valueOf).toList();
    }
}
