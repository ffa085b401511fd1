package io.ficus.gateway.proxy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.ficus.testkit.RawConnection;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Size limits and request validation at the edge, checked with requests written byte for byte (in the
 * context with a response timeout long enough for bodies sent on a busy machine).
 */
class EdgeLimitsTest extends EdgeSettingsIntegrationTest {

    private static final Duration READ = Duration.ofSeconds(10);

    private RawConnection connect() throws Exception {
        return RawConnection.open(port, READ);
    }

    @Test
    void refusesAContentLengthAboveTheLimitWith413BeforeCallingTheBackend() throws Exception {
        legacy.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(201)));

        try (RawConnection http = connect()) {
            RawConnection.Response response = http.write("POST /api/projects HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 2000000\r\n\r\n{\"name\":").read();

            assertThat(response.status()).isEqualTo(413);
            assertThat(response.header("Content-Type")).startsWith("application/json");
            assertThat(response.body()).contains("\"status\":413").contains("larger than the limit");
            assertThat(http.closedByServer()).isTrue();
        }
        assertThat(legacy.getAllServeEvents()).isEmpty();
    }

    @Test
    void cutsAChunkedBodyWith413AsSoonAsItPassesTheLimit() throws Exception {
        legacy.stubFor(post("/api/projects").willReturn(aResponse().withStatus(201)));
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) 'a');

        try (RawConnection http = connect()) {
            http.write("POST /api/projects HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n");
            for (int i = 0; i < 17; i++) {
                http.write(Integer.toHexString(chunk.length) + "\r\n").write(chunk).write("\r\n");
            }
            RawConnection.Response response = http.read();

            assertThat(response.status()).isEqualTo(413);
            assertThat(response.body()).contains("\"status\":413");
        }
        assertThat(legacy.getAllServeEvents()).isEmpty();
    }

    @Test
    void acceptsAChunkedBodyWithinTheLimit() throws Exception {
        legacy.stubFor(post("/api/projects").willReturn(aResponse().withStatus(201).withBody("{}")));

        try (RawConnection http = connect()) {
            RawConnection.Response response = http.write("POST /api/projects HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "8\r\n{\"name\":\r\n5\r\n\"p1\"}\r\n0\r\n\r\n").read();

            assertThat(response.status()).isEqualTo(201);
        }
        assertThat(legacy.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlEqualTo("/api/projects"))))
                .singleElement().satisfies(r -> assertThat(r.getBodyAsString()).isEqualTo("{\"name\":\"p1\"}"));
    }

    @Test
    void refusesAnHttp11RequestWithoutHostWith400() throws Exception {
        legacy.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)));

        try (RawConnection http = connect()) {
            RawConnection.Response response = http.write("GET /api/projects HTTP/1.1\r\n\r\n").read();

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.body()).contains("\"status\":400").contains("Host");
        }
        assertThat(legacy.getAllServeEvents()).isEmpty();
    }

    @Test
    void refusesARequestWithTwoHostHeadersWith400() throws Exception {
        legacy.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)));

        try (RawConnection http = connect()) {
            RawConnection.Response response = http.write("GET /api/projects HTTP/1.1\r\nHost: a.example\r\nHost: b.example\r\n\r\n")
                    .read();

            assertThat(response.status()).isEqualTo(400);
        }
        assertThat(legacy.getAllServeEvents()).isEmpty();
    }

    @Test
    void acceptsAnHttp10RequestWithoutHost() throws Exception {
        legacy.stubFor(get("/api/projects").willReturn(aResponse().withStatus(200).withBody("[]")));

        try (RawConnection http = connect()) {
            assertThat(http.write("GET /api/projects HTTP/1.0\r\n\r\n").read().status()).isEqualTo(200);
        }
    }

    @Test
    void forwardsA7KilobyteUrlTheBackendsAccept() throws Exception {
        String query = "q=" + "x".repeat(7 * 1024);
        legacy.stubFor(get(urlPathEqualTo("/api/projects")).willReturn(aResponse().withStatus(200).withBody("[]")));

        try (RawConnection http = connect()) {
            RawConnection.Response response = http.write("GET /api/projects?" + query + " HTTP/1.1\r\nHost: localhost\r\n\r\n")
                    .read();

            assertThat(response.status()).isEqualTo(200);
        }
        legacy.verify(getRequestedFor(urlEqualTo("/api/projects?" + query)));
    }

    @Test
    void answers414JsonToARequestLineAboveTheLimit() throws Exception {
        try (RawConnection http = connect()) {
            RawConnection.Response response = http.write("GET /api/projects?q=" + "x".repeat(9 * 1024)
                    + " HTTP/1.1\r\nHost: localhost\r\n\r\n").read();

            assertThat(response.status()).isEqualTo(414);
            assertThat(response.header("Content-Type")).startsWith("application/json");
            assertThat(response.body()).contains("\"status\":414");
        }
        assertThat(legacy.getAllServeEvents()).isEmpty();
    }

    @Test
    void answers431JsonToHeadersAboveTheLimit() throws Exception {
        try (RawConnection http = connect()) {
            RawConnection.Response response = http.write("GET /api/projects HTTP/1.1\r\nHost: localhost\r\nX-Big: "
                    + "y".repeat(9 * 1024) + "\r\n\r\n").read();

            assertThat(response.status()).isEqualTo(431);
            assertThat(response.body()).contains("\"status\":431");
        }
        assertThat(legacy.getAllServeEvents()).isEmpty();
    }

    @Test
    void answersAMalformedQueryEncodingWith400NeverAServerError() throws Exception {
        legacy.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(500)));

        try (RawConnection http = connect()) {
            RawConnection.Response response = http.write("GET /api/projects?q=%ZZ HTTP/1.1\r\nHost: localhost\r\n\r\n").read();

            assertThat(response.status()).isEqualTo(400);
        }
    }
}
