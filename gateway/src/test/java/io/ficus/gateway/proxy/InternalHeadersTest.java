package io.ficus.gateway.proxy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.ficus.gateway.GatewayIntegrationTest;
import io.ficus.gateway.catalog.Mode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** Headers a client must not control: the gateway's internal {@code X-Ficus-*} ones and {@code X-Forwarded-*}. */
class InternalHeadersTest extends GatewayIntegrationTest {

    private static final String TICKET = "{\"id\":\"t1\",\"title\":\"Fix\"}";

    private static List<LoggedRequest> awaitRequests(WireMockServer server, RequestPatternBuilder pattern) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> server.findAll(pattern), found -> !found.isEmpty());
    }

    private static void assertNoInternalHeader(List<LoggedRequest> requests) {
        assertThat(requests).allSatisfy(request -> assertThat(request.getHeaders().keys())
                .noneMatch(name -> name.toLowerCase().startsWith("x-ficus-")));
    }

    @Test
    void neverPassesAClientsInternalHeadersToEitherBackend() {
        setGroup("tickets", Mode.SHADOW, 0);
        legacy.stubFor(get("/api/tickets/t1").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(TICKET)));
        core.stubFor(get("/api/tickets/t1").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(TICKET)));

        client.get().uri("/api/tickets/t1")
                .header("X-Ficus-Dry-Run", "true")
                .header("x-ficus-gateway-secret", "forged-forged-forged-forged-forged")
                .header("X-FICUS-Anything", "x")
                .exchange().expectStatus().isOk();

        assertNoInternalHeader(legacy.findAll(getRequestedFor(urlEqualTo("/api/tickets/t1"))));
        assertNoInternalHeader(awaitRequests(core, getRequestedFor(urlEqualTo("/api/tickets/t1"))));
    }

    @Test
    void neverPassesAClientsDryRunToTheCoreAnsweringIt() {
        setGroup("tickets", Mode.NEW, 0);
        core.stubFor(post("/api/projects/p1/tickets").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(TICKET)));

        client.post().uri("/api/projects/p1/tickets").header("X-Ficus-Dry-Run", "true")
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"title\":\"Fix\"}")
                .exchange().expectStatus().isCreated();

        core.verify(postRequestedFor(urlEqualTo("/api/projects/p1/tickets"))
                .withHeader("X-Ficus-Dry-Run", absent())
                .withHeader("X-Ficus-Gateway-Secret", absent()));
    }

    @Test
    void sendsTheGatewaySecretToTheCoreWithDryRunsOnly() {
        setGroup("tickets", Mode.SHADOW, 0);
        legacy.stubFor(post("/api/projects/p1/tickets").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(TICKET)));
        core.stubFor(post("/api/projects/p1/tickets").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(TICKET)));
        legacy.stubFor(get("/api/tickets/t1").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(TICKET)));
        core.stubFor(get("/api/tickets/t1").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(TICKET)));

        client.post().uri("/api/projects/p1/tickets").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"title\":\"Fix\"}").exchange().expectStatus().isCreated();
        client.get().uri("/api/tickets/t1").exchange().expectStatus().isOk();

        assertThat(awaitRequests(core, postRequestedFor(urlEqualTo("/api/projects/p1/tickets")))).singleElement()
                .satisfies(dryRun -> {
                    assertThat(dryRun.getHeader("X-Ficus-Dry-Run")).isEqualTo("true");
                    assertThat(dryRun.getHeader("X-Ficus-Gateway-Secret")).isEqualTo(GATEWAY_SECRET);
                });
        assertThat(awaitRequests(core, getRequestedFor(urlEqualTo("/api/tickets/t1")))).singleElement()
                .satisfies(read -> assertThat(read.containsHeader("X-Ficus-Gateway-Secret")).isFalse());
        legacy.verify(postRequestedFor(urlEqualTo("/api/projects/p1/tickets")).withHeader("X-Ficus-Gateway-Secret", absent()));
        legacy.verify(getRequestedFor(urlEqualTo("/api/tickets/t1")).withHeader("X-Ficus-Gateway-Secret", absent()));
    }

    @Test
    void replacesTheForwardedHeadersOfAClientThatIsNoTrustedProxyWithItsOwn() {
        legacy.stubFor(get("/api/users/me").willReturn(aResponse().withStatus(200)));

        client.get().uri("/api/users/me")
                .header("X-Forwarded-For", "6.6.6.6")
                .header("X-Forwarded-Host", "evil.example")
                .header("X-Forwarded-Proto", "https")
                .header("Forwarded", "for=6.6.6.6;host=evil.example")
                .exchange().expectStatus().isOk();

        legacy.verify(getRequestedFor(urlEqualTo("/api/users/me"))
                .withHeader("X-Forwarded-For", matching("127\\.0\\.0\\.1|0:0:0:0:0:0:0:1"))
                .withHeader("X-Forwarded-Proto", equalTo("http"))
                .withHeader("X-Forwarded-Host", equalTo("localhost:" + port))
                .withHeader("Forwarded", notContaining("6.6.6.6"))
                .withHeader("Forwarded", notContaining("evil")));
    }
}
