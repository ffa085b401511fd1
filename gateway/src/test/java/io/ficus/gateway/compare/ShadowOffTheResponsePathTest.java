package io.ficus.gateway.compare;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ficus.gateway.GatewayIntegrationTest;
import io.ficus.gateway.catalog.Mode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** In SHADOW, a slow new core costs the client nothing: its answer comes from the legacy, the core is asked beside it. */
class ShadowOffTheResponsePathTest extends GatewayIntegrationTest {

    static final String TICKET = "{\"id\":\"t1\",\"title\":\"Fix\",\"createdAt\":\"2024-01-01T10:00:00\"}";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void shadowTickets() {
        setGroup("tickets", Mode.SHADOW, 0);
        legacy.stubFor(get("/api/tickets/t1").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withHeader("X-Legacy", "yes").withBody(TICKET)));
    }

    /** Sends {@code count} reads at once, each with its own request id starting with {@code prefix}. */
    static List<HttpResponse<byte[]>> readsAtOnce(HttpClient http, int port, String prefix, int count) {
        List<CompletableFuture<HttpResponse<byte[]>>> sent = IntStream.range(0, count)
                .mapToObj(i -> http.sendAsync(HttpRequest.newBuilder(
                                java.net.URI.create("http://localhost:" + port + "/api/tickets/t1"))
                        .header("X-Request-Id", prefix + i).timeout(Duration.ofSeconds(30)).build(),
                        HttpResponse.BodyHandlers.ofByteArray()))
                .toList();
        return sent.stream().map(CompletableFuture::join).toList();
    }

    @Test
    void aCoreAnsweringAfterTwoSecondsDoesNotSlowTheClientsReads() {
        core.stubFor(get("/api/tickets/t1").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(TICKET).withFixedDelay(2_000)));
        String prefix = "slow-core-" + UUID.randomUUID() + "-";

        List<HttpResponse<byte[]>> answers = readsAtOnce(http, port, prefix, 5);

        // every client has its answer while the core still holds every shadow call: no comparison can exist yet
        assertThat(jdbc.queryForObject("select count(*) from comparison where request_id like ?", Long.class, prefix + "%"))
                .isZero();
        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(new String(answer.body(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(TICKET);
        });
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "select count(*) from comparison where request_id like ?", Long.class, prefix + "%")).isEqualTo(5));
        core.verify(5, getRequestedFor(urlEqualTo("/api/tickets/t1")));
    }
}
