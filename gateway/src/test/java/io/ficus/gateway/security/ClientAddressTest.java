package io.ficus.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

class ClientAddressTest {

    private static MockServerHttpRequest from(String peer, String... forwardedFor) {
        return MockServerHttpRequest.get("/ficus/api/routes")
                .remoteAddress(new InetSocketAddress(peer, 40000))
                .header("X-Forwarded-For", forwardedFor)
                .build();
    }

    @Test
    void isTheConnectionsPeerWhenNoProxyIsTrusted() {
        assertThat(new ClientAddress("").of(from("10.0.0.7", "1.2.3.4"))).isEqualTo("10.0.0.7");
    }

    @Test
    void isTheConnectionsPeerWhenThePeerIsNotATrustedProxy() {
        assertThat(new ClientAddress("10\\.0\\.0\\.1").of(from("10.0.0.7", "1.2.3.4"))).isEqualTo("10.0.0.7");
    }

    @Test
    void isTheRightMostUntrustedForwardedAddressBehindTrustedProxies() {
        ClientAddress clients = new ClientAddress("10\\.0\\.0\\.\\d+");

        assertThat(clients.of(from("10.0.0.1", "6.6.6.6, 1.2.3.4, 10.0.0.2"))).as("the client wrote 6.6.6.6 itself")
                .isEqualTo("1.2.3.4");
        assertThat(clients.of(from("10.0.0.1", "9.9.9.9", "1.2.3.4"))).isEqualTo("1.2.3.4");
        assertThat(clients.of(from("10.0.0.1"))).isEqualTo("10.0.0.1");
    }
}
