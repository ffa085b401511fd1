package io.ficus.gateway.proxy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.ficus.testkit.RawConnection;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Slow and stalled clients (a head timeout of 2 s and a body timeout of 500 ms in this context). The clients here are slow on purpose:
 * their pauses are the behaviour under test, not a way to wait for the gateway.
 */
class EdgeTimeoutTest extends EdgeSettingsIntegrationTest {

    @Autowired
    private MeterRegistry meters;

    @Test
    void closesAConnectionWhoseHeadersArriveTooSlowly() throws Exception {
        try (RawConnection http = RawConnection.open(port, Duration.ofMillis(200))) {
            http.write("GET /api/projects HTTP/1.1\r\nHost: localhost\r\n");
            long start = System.nanoTime();
            boolean closed = false;
            for (int i = 0; i < 50 && !closed; i++) {
                try {
                    http.write("X-Slow-" + i + ": a\r\n");
                } catch (java.io.IOException e) {
                    closed = true;
                    break;
                }
                closed = http.closedByServer();
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

            assertThat(closed).isTrue();
            assertThat(elapsed).isLessThan(Duration.ofSeconds(6));
        }
        assertThat(legacy.getAllServeEvents()).isEmpty();
    }

    @Test
    void closesAConnectionThatSendsNothing() throws Exception {
        try (RawConnection http = RawConnection.open(port, Duration.ofSeconds(6))) {
            long start = System.nanoTime();

            assertThat(http.closedByServer()).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(6));
        }
    }

    @Test
    void answers408ToAClientThatStopsSendingItsBody() throws Exception {
        legacy.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(201)));
        double before = timedOutRequests();

        try (RawConnection http = RawConnection.open(port, Duration.ofSeconds(8))) {
            long start = System.nanoTime();
            RawConnection.Response response = http.write("POST /api/projects HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"name\":").read();

            assertThat(response.status()).isEqualTo(408);
            assertThat(response.body()).contains("\"status\":408");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
            assertThat(http.closedByServer()).isTrue();
        }
        // The request is timed when its exchange ends, which may be just after the client read the answer.
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(timedOutRequests()).isEqualTo(before + 1));
        assertThat(legacy.getAllServeEvents()).isEmpty();
    }

    @Test
    void closesAnIdleKeepAliveConnectionAfterTheHeaderTimeout() throws Exception {
        legacy.stubFor(get("/api/projects").willReturn(aResponse().withStatus(200).withBody("[]")));

        try (RawConnection http = RawConnection.open(port, Duration.ofSeconds(6))) {
            assertThat(http.write("GET /api/projects HTTP/1.1\r\nHost: localhost\r\n\r\n").read().status()).isEqualTo(200);
            long start = System.nanoTime();

            assertThat(http.closedByServer()).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(6));
        }
    }

    private double timedOutRequests() {
        return meters.find("ficus.gateway.requests").tag("status", "408").timers().stream()
                .mapToDouble(t -> t.count()).sum();
    }
}
