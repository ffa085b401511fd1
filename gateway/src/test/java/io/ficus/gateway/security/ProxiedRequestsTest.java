package io.ficus.gateway.security;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.ficus.gateway.GatewayIntegrationTest;
import io.ficus.testkit.RawHttp;
import io.ficus.testkit.RawHttp.Answer;
import org.junit.jupiter.api.Test;

/**
 * Spring Security leaves the proxied API alone: no header added to or changed on its answers, no session or cookie,
 * no CSRF check on its writes, and the client's own {@code Authorization} header (the public API's, not ours) passes
 * through unjudged.
 */
class ProxiedRequestsTest extends GatewayIntegrationTest {

    @Test
    void addsNoSecurityHeaderToAProxiedAnswerAndChangesNoneOfItsOwn() {
        legacy.stubFor(get("/api/projects").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withHeader("Cache-Control", "max-age=60")
                .withBody("[]")));

        Answer answer = RawHttp.to(port).send("GET", "/api/projects");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.headers().get("cache-control")).isEqualTo("max-age=60");
        assertThat(answer.headers()).doesNotContainKeys("x-frame-options", "x-content-type-options", "x-xss-protection",
                "strict-transport-security", "pragma", "expires", "referrer-policy", "set-cookie", "www-authenticate");
    }

    @Test
    void passesTheClientsOwnCredentialsThroughWithoutJudgingThem() {
        legacy.stubFor(get("/api/users/me").willReturn(aResponse().withStatus(401).withBody("{\"legacy\":401}")));

        Answer basic = RawHttp.to(port).send("GET", "/api/users/me", "Authorization: Basic " + "d3Jvbmc6d3Jvbmc=");
        Answer bearer = RawHttp.to(port).send("GET", "/api/users/me", "Authorization: " + bearer("a@example.com"));

        assertThat(basic.body()).isEqualTo("{\"legacy\":401}");
        assertThat(bearer.body()).isEqualTo("{\"legacy\":401}");
        assertThat(basic.headers()).doesNotContainKey("www-authenticate");
        legacy.verify(getRequestedFor(urlEqualTo("/api/users/me")).withHeader("Authorization", equalTo("Basic d3Jvbmc6d3Jvbmc=")));
    }

    @Test
    void letsAProxiedWriteThroughWithoutACsrfTokenOrSession() {
        legacy.stubFor(post("/api/projects").willReturn(aResponse().withStatus(201).withBody("{\"id\":1}")));

        Answer answer = RawHttp.to(port).sendJson("POST", "/api/projects", "{\"name\":\"p\"}",
                "Origin: http://elsewhere.example", "Cookie: SESSION=abc");

        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.headers()).doesNotContainKey("set-cookie");
    }
}
