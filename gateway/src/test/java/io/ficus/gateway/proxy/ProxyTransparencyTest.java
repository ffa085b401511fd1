package io.ficus.gateway.proxy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.ficus.gateway.GatewayIntegrationTest;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

class ProxyTransparencyTest extends GatewayIntegrationTest {

    @Test
    void passesMethodPathQueryHeadersBodyAndStatusThroughUnchanged() {
        legacy.stubFor(patch(urlEqualTo("/api/tickets/42?expand=a%20b&x=1"))
                .willReturn(aResponse().withStatus(409).withHeader("Content-Type", "application/json")
                        .withHeader("X-Legacy", "yes")
                        .withBody("{\"status\":409,\"error\":\"Conflict\",\"message\":\"no\",\"path\":\"/api/tickets/42\"}")));

        client.patch().uri(gateway("/api/tickets/42?expand=a%20b&x=1"))
                .header("Authorization", "Bearer abc")
                .header("X-Client", "c1")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"title\":\"t\"}")
                .exchange()
                .expectStatus().isEqualTo(409)
                .expectHeader().valueEquals("X-Legacy", "yes")
                .expectBody().json("{\"status\":409,\"error\":\"Conflict\",\"message\":\"no\",\"path\":\"/api/tickets/42\"}");

        legacy.verify(patchRequestedFor(urlEqualTo("/api/tickets/42?expand=a%20b&x=1"))
                .withHeader("Authorization", equalTo("Bearer abc"))
                .withHeader("X-Client", equalTo("c1"))
                .withHeader("X-Ficus-Dry-Run", absent())
                .withRequestBody(equalToJson("{\"title\":\"t\"}")));
    }

    @Test
    void addsARequestIdWhenAbsentAndPassesItToTheBackendAndTheClient() {
        legacy.stubFor(get("/api/users/me").willReturn(aResponse().withStatus(200)));

        String returned = client.get().uri("/api/users/me").exchange()
                .expectStatus().isOk()
                .returnResult(String.class).getResponseHeaders().getFirst("X-Request-Id");

        assertThat(returned).isNotBlank();
        legacy.verify(getRequestedFor(urlEqualTo("/api/users/me")).withHeader("X-Request-Id", equalTo(returned)));
        assertThat(UUID.fromString(returned).version()).isEqualTo(4);
    }

    @Test
    void keepsARequestIdTheClientSent() {
        legacy.stubFor(get("/api/users/me").willReturn(aResponse().withStatus(200)));

        client.get().uri("/api/users/me").header("X-Request-Id", "req-1").exchange()
                .expectHeader().valueEquals("X-Request-Id", "req-1");

        legacy.verify(getRequestedFor(urlEqualTo("/api/users/me")).withHeader("X-Request-Id", equalTo("req-1")));
    }

    @Test
    void removesHopByHopHeadersInBothDirections() {
        legacy.stubFor(get("/api/projects").willReturn(aResponse().withStatus(200)
                .withHeader("Keep-Alive", "timeout=5").withHeader("Proxy-Authenticate", "Basic").withBody("[]")));

        client.get().uri("/api/projects")
                .header("Keep-Alive", "timeout=5")
                .header("Proxy-Authorization", "Basic eDp5")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().doesNotExist("Keep-Alive")
                .expectHeader().doesNotExist("Proxy-Authenticate");

        legacy.verify(getRequestedFor(urlEqualTo("/api/projects"))
                .withHeader("Keep-Alive", absent())
                .withHeader("Proxy-Authorization", absent()));
    }

    @Test
    void sendsRequestsThatMatchNoRouteToTheLegacy() {
        legacy.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("legacy")));

        client.get().uri("/api/not/in/the/catalog?q=1").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Ficus-Backend", "legacy")
                .expectBody(String.class).isEqualTo("legacy");

        legacy.verify(getRequestedFor(urlEqualTo("/api/not/in/the/catalog?q=1"))
                .withHeader("X-Request-Id", matching(".+")));
    }

    @Test
    void streamsLargeBodiesCompletely() {
        byte[] large = new byte[5 * 1024 * 1024];
        Arrays.fill(large, (byte) 'x');
        legacy.stubFor(get("/api/tickets/big").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/octet-stream").withBody(large)));

        byte[] received = client.get().uri("/api/tickets/big").exchange()
                .expectStatus().isOk()
                .expectBody(byte[].class).returnResult().getResponseBody();

        assertThat(received).hasSize(large.length);
    }
}
