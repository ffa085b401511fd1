package io.ficus.gateway.compare;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.ficus.gateway.GatewayIntegrationTest;
import io.ficus.gateway.catalog.Mode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A client that leaves before its shadowed request was answered leaves nothing to compare: the request is counted as
 * not compared ({@code ficus.gateway.shadow.shed{reason=cancelled}}, a SKIPPED comparison), so every admitted shadowed
 * request is either compared or counted.
 */
class ShadowAbandonedRequestTest extends GatewayIntegrationTest {

    @Autowired
    private MeterRegistry meters;

    private double cancelled() {
        return meters.find("ficus.gateway.shadow.shed").tag("route", "tickets-get").tag("reason", "cancelled").counters()
                .stream().mapToDouble(Counter::count).sum();
    }

    @Test
    void aClientThatLeavesBeforeTheLegacyAnswersIsCountedAsNotComparedAndNothingIsStored() throws Exception {
        setGroup("tickets", Mode.SHADOW, 0);
        legacy.stubFor(get("/api/tickets/abandoned").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(ShadowOffTheResponsePathTest.TICKET)
                .withFixedDelay(3_000)));
        core.stubFor(get("/api/tickets/abandoned").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(ShadowOffTheResponsePathTest.TICKET)));
        double before = cancelled();
        String requestId = "abandoned-" + UUID.randomUUID();

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/tickets/abandoned"))
                .header("X-Request-Id", requestId).timeout(Duration.ofMillis(300)).GET().build();
        assertThatThrownBy(() -> http.send(request, HttpResponse.BodyHandlers.discarding()))
                .isInstanceOf(HttpTimeoutException.class);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(cancelled() - before).isEqualTo(1));
        assertThat(jdbc.queryForObject("select count(*) from comparison where request_id = ?", Long.class, requestId))
                .isZero();
    }
}
