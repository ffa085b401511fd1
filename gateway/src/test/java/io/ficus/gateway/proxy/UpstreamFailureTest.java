package io.ficus.gateway.proxy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import io.ficus.gateway.GatewayIntegrationTest;
import io.ficus.gateway.catalog.Mode;
import org.junit.jupiter.api.Test;

class UpstreamFailureTest extends GatewayIntegrationTest {

    @Test
    void answers504WithTheStandardErrorBodyWhenTheBackendIsTooSlow() {
        legacy.stubFor(get("/api/projects").willReturn(aResponse().withStatus(200).withFixedDelay(5_000)));

        client.get().uri("/api/projects").exchange()
                .expectStatus().isEqualTo(504)
                .expectHeader().exists("X-Request-Id")
                .expectBody()
                .jsonPath("$.status").isEqualTo(504)
                .jsonPath("$.error").isEqualTo("Gateway Timeout")
                .jsonPath("$.message").isNotEmpty()
                .jsonPath("$.path").isEqualTo("/api/projects");
    }

    @Test
    void answers502WhenTheBackendResetsTheConnection() {
        legacy.stubFor(get("/api/projects").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        client.get().uri("/api/projects").exchange()
                .expectStatus().isEqualTo(502)
                .expectBody()
                .jsonPath("$.status").isEqualTo(502)
                .jsonPath("$.error").isEqualTo("Bad Gateway")
                .jsonPath("$.path").isEqualTo("/api/projects");
    }

    @Test
    void answers502WhenTheBackendClosesTheConnectionWithoutAnAnswer() {
        legacy.stubFor(get("/api/projects").willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));

        client.get().uri("/api/projects").exchange()
                .expectStatus().isEqualTo(502)
                .expectBody().jsonPath("$.status").isEqualTo(502);
    }

    @Test
    void answers502And504ForAFailingOrSlowCoreInNewMode() {
        setGroup("tickets", Mode.NEW, 0);
        core.stubFor(get("/api/tickets/reset").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        core.stubFor(get("/api/tickets/slow").willReturn(aResponse().withStatus(200).withFixedDelay(5_000)));

        client.get().uri("/api/tickets/reset").exchange()
                .expectStatus().isEqualTo(502)
                .expectHeader().valueEquals("X-Ficus-Backend", "core")
                .expectBody().jsonPath("$.path").isEqualTo("/api/tickets/reset");
        client.get().uri("/api/tickets/slow").exchange()
                .expectStatus().isEqualTo(504);
        assertThat(legacy.getAllServeEvents()).isEmpty();
    }

    @Test
    void passesAServerErrorOfTheBackendThroughUnchanged() {
        legacy.stubFor(get("/api/projects").willReturn(aResponse().withStatus(500).withBody("{\"oops\":true}")));

        client.get().uri("/api/projects").exchange()
                .expectStatus().isEqualTo(500)
                .expectBody().json("{\"oops\":true}");
    }

    @Test
    void passesMalformedJsonThroughUnchanged() {
        legacy.stubFor(get("/api/projects").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"broken\":")));

        client.get().uri("/api/projects").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).isEqualTo("{\"broken\":");
    }
}
