package io.ficus.gateway.compare;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ficus.gateway.GatewayIntegrationTest;
import io.ficus.gateway.catalog.Mode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * A shadow queue that is full sheds: counted, never felt by the client. Its own application context (one call slot, one
 * queue place), so the queue fills with a handful of reads.
 */
@TestPropertySource(properties = {"ficus.gateway.shadow.max-concurrency=1", "ficus.gateway.shadow.queue-capacity=1"})
class ShadowSheddingTest extends GatewayIntegrationTest {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Autowired
    private MeterRegistry meters;

    @BeforeEach
    void shadowTickets() {
        setGroup("tickets", Mode.SHADOW, 0);
        legacy.stubFor(get("/api/tickets/t1").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withHeader("X-Legacy", "yes")
                .withBody(ShadowOffTheResponsePathTest.TICKET)));
        core.stubFor(get("/api/tickets/t1").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(ShadowOffTheResponsePathTest.TICKET)
                .withFixedDelay(2_000)));
    }

    private double shed(String reason) {
        return meters.find("ficus.gateway.shadow.shed").tag("route", "tickets-get").tag("reason", reason).counters()
                .stream().mapToDouble(Counter::count).sum();
    }

    @Test
    void aFullShadowQueueShedsCountsAndTheClientStillGetsEveryLegacyAnswerUnchanged() {
        double shedBefore = shed("queue");
        String prefix = "full-queue-" + UUID.randomUUID() + "-";

        List<HttpResponse<byte[]>> answers = ShadowOffTheResponsePathTest.readsAtOnce(http, port, prefix, 12);

        assertThat(answers).hasSize(12).allSatisfy(answer -> {
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo(ShadowOffTheResponsePathTest.TICKET);
            assertThat(answer.headers().firstValue("X-Legacy")).hasValue("yes");
            assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/json");
        });
        assertThat(answers).extracting(a -> a.headers().firstValue("X-Request-Id").orElseThrow())
                .allMatch(id -> id.startsWith(prefix)).doesNotHaveDuplicates();
        // one call in flight and one waiting hold the core for 2 s each: the others were shed, and every read is either
        // compared or counted
        double shed = shed("queue") - shedBefore;
        assertThat(shed).isGreaterThanOrEqualTo(1);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "select count(*) from comparison where request_id like ?", Long.class, prefix + "%") + shed)
                .isEqualTo(12));
    }
}
