package io.ficus.gateway.proxy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A peer matching {@code ficus.gateway.trusted-proxies} (the test client's own address in this context). */
class TrustedProxyTest extends EdgeSettingsIntegrationTest {

    @Test
    void appendsToTheForwardedForOfATrustedProxy() {
        legacy.stubFor(get("/api/users/me").willReturn(aResponse().withStatus(200)));

        client.get().uri("/api/users/me").header("X-Forwarded-For", "203.0.113.7").exchange().expectStatus().isOk();

        legacy.verify(getRequestedFor(urlEqualTo("/api/users/me"))
                .withHeader("X-Forwarded-For", matching("203\\.0\\.113\\.7, ?(127\\.0\\.0\\.1|0:0:0:0:0:0:0:1)")));
    }

    @Test
    void removesInternalHeadersEvenFromATrustedProxy() {
        legacy.stubFor(get("/api/users/me").willReturn(aResponse().withStatus(200)));

        client.get().uri("/api/users/me").header("X-Ficus-Dry-Run", "true").exchange().expectStatus().isOk();

        assertThat(legacy.findAll(getRequestedFor(urlEqualTo("/api/users/me")))).singleElement()
                .satisfies(r -> assertThat(r.containsHeader("X-Ficus-Dry-Run")).isFalse());
    }
}
