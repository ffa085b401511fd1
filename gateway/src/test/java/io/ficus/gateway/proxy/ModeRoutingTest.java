package io.ficus.gateway.proxy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.ficus.gateway.GatewayIntegrationTest;
import io.ficus.gateway.catalog.Mode;
import io.ficus.gateway.catalog.Toggle;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.http.client.reactive.JdkClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

class ModeRoutingTest extends GatewayIntegrationTest {

    private void bothBackendsAnswer() {
        legacy.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("legacy")));
        core.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("core")));
    }

    @Test
    void legacyModeSendsTheRouteToTheLegacyOnly() {
        bothBackendsAnswer();

        client.get().uri("/api/tickets/7").exchange()
                .expectHeader().valueEquals("X-Ficus-Backend", "legacy")
                .expectBody(String.class).isEqualTo("legacy");

        assertThat(core.getAllServeEvents()).isEmpty();
    }

    @Test
    void newModeSendsTheRouteToTheCoreWithPathAndQueryUnchanged() {
        bothBackendsAnswer();
        setGroup("tickets", Mode.NEW, 0);

        client.get().uri(gateway("/api/projects/p1/tickets?phaseId=a%2Fb")).exchange()
                .expectHeader().valueEquals("X-Ficus-Backend", "core")
                .expectBody(String.class).isEqualTo("core");

        core.verify(getRequestedFor(urlEqualTo("/api/projects/p1/tickets?phaseId=a%2Fb")));
        assertThat(legacy.getAllServeEvents()).isEmpty();
    }

    @Test
    void aHeadRequestFollowsTheModeOfTheGetRoute() {
        bothBackendsAnswer();
        setGroup("tickets", Mode.NEW, 0);

        client.head().uri("/api/tickets/7").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Ficus-Backend", "core");

        assertThat(core.findAll(com.github.tomakehurst.wiremock.client.WireMock.headRequestedFor(urlEqualTo("/api/tickets/7"))))
                .hasSize(1);
        assertThat(legacy.getAllServeEvents()).isEmpty();
    }

    @Test
    void newModeOfOneGroupLeavesOtherRoutesOnTheLegacy() {
        bothBackendsAnswer();
        setGroup("tickets", Mode.NEW, 0);

        client.get().uri("/api/projects/p1/phases").exchange().expectBody(String.class).isEqualTo("legacy");
    }

    @Test
    void canarySendsACallerToTheCoreOnlyWhenTheirBucketIsBelowThePercentage() {
        bothBackendsAnswer();
        String email = "alice@example.com";
        int bucket = Callers.bucket("email:" + email);

        toggles.changeRoute("login", new Toggle(Mode.CANARY, bucket + 1), "test", "canary above the bucket");
        client.post().uri("/api/login").header("Authorization", bearer(email)).exchange()
                .expectBody(String.class).isEqualTo("core");

        toggles.changeRoute("login", new Toggle(Mode.CANARY, bucket), "test", "canary at the bucket");
        client.post().uri("/api/login").header("Authorization", bearer(email)).exchange()
                .expectBody(String.class).isEqualTo("legacy");
    }

    @Test
    void flippingARouteUnderLoadLosesNoRequest() {
        bothBackendsAnswer();
        WebClient web = WebClient.builder().baseUrl("http://localhost:" + port)
                .clientConnector(new JdkClientHttpConnector()).build();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread flipper = new Thread(() -> {
            Mode[] modes = {Mode.NEW, Mode.SHADOW, Mode.LEGACY};
            for (int i = 0; running.get() && i < 30; i++) {
                toggles.changeRoute("tickets-get", new Toggle(modes[i % modes.length], 0), "test", "flip under load");
            }
        });
        flipper.start();

        List<Integer> statuses = Flux.range(0, 300)
                .flatMap(i -> web.get().uri("/api/tickets/{id}", i).exchangeToMono(r -> r.bodyToMono(String.class)
                        .map(body -> r.statusCode().value())), 16)
                .collectList()
                .block(Duration.ofSeconds(60));
        running.set(false);

        assertThat(statuses).hasSize(300).allMatch(status -> status == 200);
        assertThat(legacy.getAllServeEvents().size() + core.getAllServeEvents().size()).isGreaterThanOrEqualTo(300);
    }
}
