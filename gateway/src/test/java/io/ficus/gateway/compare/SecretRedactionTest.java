package io.ficus.gateway.compare;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.binaryEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ficus.gateway.GatewayIntegrationTest;
import io.ficus.gateway.catalog.Mode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** No secret a client or a backend sends through a shadowed route reaches the gateway's database. */
class SecretRedactionTest extends GatewayIntegrationTest {

    @Autowired
    private ComparisonStore comparisons;

    private long lastBefore;

    @BeforeEach
    void shadowLogins() {
        setGroup("sessions", Mode.SHADOW, 0);
        lastBefore = jdbc.queryForObject("select coalesce(max(id), 0) from comparison", Long.class);
    }

    /** Every column of every comparison stored since the test began, as text. */
    private List<String> storedRows() {
        return await().atMost(Duration.ofSeconds(30)).until(
                () -> jdbc.queryForList("select row_to_json(c)::text from comparison c where id > ?", String.class, lastBefore),
                rows -> !rows.isEmpty());
    }

    @Test
    void storesNoTraceOfTheSecretsOfALatin1LoginThroughShadow() {
        String body = "{\"email\":\"jürgen@example.com\",\"password\":\"Pässwörd-ZX81-geheim\","
                + "\"newPassword\":\"Nëu-QW77\",\"AccessToken\":\"tok-RT55\",\"profile\":{\"clientSecret\":\"cs-YB42\"}}";
        byte[] latin1 = body.getBytes(StandardCharsets.ISO_8859_1);
        legacy.stubFor(post(urlPathEqualTo("/api/login")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withHeader("Set-Cookie", "session=cookie-HJ23")
                .withBody("{\"token\":\"jwt-legacy\",\"expiresIn\":3600,\"refreshToken\":\"refresh-UV66\"}")));
        core.stubFor(post(urlPathEqualTo("/api/login")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"token\":\"jwt-core\",\"expiresIn\":3600,\"refreshToken\":\"refresh-WX88\"}")));

        client.post().uri(gateway("/api/login?token=qs-KL33&lang=de"))
                .header("Content-Type", "application/json;charset=ISO-8859-1")
                .header("Authorization", "Bearer auth-PQ12")
                .header("X-Api-Token", "hdr-MN44")
                .bodyValue(latin1)
                .exchange().expectStatus().isOk();

        legacy.verify(postRequestedFor(urlPathEqualTo("/api/login")).withRequestBody(binaryEqualTo(latin1)));
        List<String> rows = storedRows();
        assertThat(rows).singleElement().satisfies(row -> {
            for (String secret : List.of("ZX81", "QW77", "RT55", "YB42", "UV66", "WX88", "KL33", "PQ12", "MN44", "HJ23",
                    "geheim", GATEWAY_SECRET)) {
                assertThat(row).as("stored comparison").doesNotContain(secret);
            }
        });
        Comparison comparison = lastComparison();
        assertThat(comparison.requestBody()).contains("jürgen@example.com").contains("\"password\":\"***\"");
        assertThat(comparison.path()).isEqualTo("/api/login?token=***&lang=de");
        assertThat(comparison.differences()).contains(new Difference("$.refreshToken", "***", "***"));
    }

    @Test
    void storesAPlaceholderForAnUnparseableBodyThatMentionsASecret() {
        legacy.stubFor(post(urlPathEqualTo("/api/login")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody("{\"status\":400}")));
        core.stubFor(post(urlPathEqualTo("/api/login")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody("{\"status\":400}")));

        client.post().uri("/api/login").header("Content-Type", "application/json")
                .bodyValue("{\"email\":\"a@b.c\",\"password\":\"broken-CD19".getBytes(StandardCharsets.UTF_8))
                .exchange().expectStatus().isBadRequest();

        assertThat(storedRows()).singleElement().satisfies(row -> assertThat(row).doesNotContain("CD19")
                .contains("not stored"));
    }

    private Comparison lastComparison() {
        Long id = jdbc.queryForObject("select max(id) from comparison where id > ?", Long.class, lastBefore);
        return id == null ? null : comparisons.find(id).orElse(null);
    }
}
