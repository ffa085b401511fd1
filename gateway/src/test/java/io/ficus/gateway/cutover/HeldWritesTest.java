package io.ficus.gateway.cutover;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ficus.gateway.GatewayIntegrationTest;
import io.ficus.gateway.GatewayProperties;
import io.ficus.gateway.catalog.Mode;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.reactive.JdkClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

/** Writes at a closed gate, through the whole gateway. */
class HeldWritesTest extends GatewayIntegrationTest {

    @Autowired
    private WriteGate gate;

    @Autowired
    private GatewayProperties properties;

    private WebClient web;

    @BeforeEach
    void backendsAnswer() {
        legacy.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("legacy")));
        core.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("core")));
        web = WebClient.builder().baseUrl("http://localhost:" + port).clientConnector(new JdkClientHttpConnector()).build();
        await().until(gate::leaseValid);
    }

    @AfterEach
    void openGates() {
        gate.open("tickets");
    }

    private CompletableFuture<String> patch(String path) {
        return web.patch().uri(path).header("Content-Type", "application/json").bodyValue("{\"title\":\"held\"}")
                .exchangeToMono(r -> r.bodyToMono(String.class).defaultIfEmpty("")
                        .map(body -> r.statusCode().value() + " " + r.headers().asHttpHeaders().getFirst("X-Ficus-Backend") + " " + body))
                .toFuture();
    }

    @Test
    void routesAHeldWriteByTheTogglesOfTheMomentItIsReleased() {
        gate.close("tickets");
        CompletableFuture<String> held = patch("/api/tickets/t1");
        await().until(() -> gate.waiting("tickets") == 1);

        setGroup("tickets", Mode.NEW, 0);
        gate.open("tickets");

        assertThat(held).succeedsWithin(Duration.ofSeconds(10)).isEqualTo("200 core core");
        assertThat(legacy.getAllServeEvents()).isEmpty();
    }

    @Test
    void neverHoldsReadsOrWritesOfOtherGroups() {
        gate.close("tickets");

        client.get().uri("/api/tickets/t1").exchange().expectStatus().isOk().expectBody(String.class).isEqualTo("legacy");
        assertThat(patch("/api/phases/p1")).succeedsWithin(Duration.ofSeconds(10)).isEqualTo("200 legacy legacy");
        assertThat(gate.inFlight("phases")).isZero();
    }

    @Test
    void answers503WithRetryAfterToAWriteHeldForTheHoldTimeout() {
        gate.close("tickets");
        long start = System.nanoTime();

        client.patch().uri("/api/tickets/t1").header("Content-Type", "application/json").bodyValue("{\"title\":\"late\"}")
                .exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "1")
                .expectBody()
                .jsonPath("$.status").isEqualTo(503)
                .jsonPath("$.message").value(m -> assertThat((String) m).contains("paused"))
                .jsonPath("$.path").isEqualTo("/api/tickets/t1");

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(properties.handover().holdTimeout());
        assertThat(gate.waiting("tickets")).isZero();
        assertThat(legacy.getAllServeEvents()).isEmpty();
    }
}
