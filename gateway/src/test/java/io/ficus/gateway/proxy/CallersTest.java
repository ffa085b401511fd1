package io.ficus.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.ficus.gateway.catalog.Backend;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

class CallersTest {

    private static String token(String payload) {
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        return "Bearer " + encoder.encodeToString("{}".getBytes(StandardCharsets.UTF_8)) + "."
                + encoder.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + ".sig";
    }

    @Test
    void identifiesACallerByTheEmailClaimOfTheirToken() {
        MockServerHttpRequest request = MockServerHttpRequest.get("/api/x")
                .header("Authorization", token("{\"email\":\"a@b.c\",\"sub\":\"1\"}")).build();

        assertThat(new Callers("").key(request)).isEqualTo("email:a@b.c");
    }

    @Test
    void fallsBackToTheClientAddressWithoutAUsableToken() {
        MockServerHttpRequest request = MockServerHttpRequest.get("/api/x")
                .remoteAddress(new InetSocketAddress("10.1.2.3", 5000))
                .header("Authorization", "Bearer not.a-json-payload.x")
                .header("X-Forwarded-For", "1.1.1.1").build();

        assertThat(new Callers("").key(request)).isEqualTo("address:10.1.2.3");
    }

    @Test
    void believesForwardedAddressesOnlyFromTrustedProxies() {
        MockServerHttpRequest request = MockServerHttpRequest.get("/api/x")
                .remoteAddress(new InetSocketAddress("10.1.2.3", 5000))
                .header("X-Forwarded-For", "1.1.1.1, 10.1.2.3").build();

        assertThat(new Callers("10\\..*").key(request)).isEqualTo("address:1.1.1.1");
    }

    @Test
    void keepsEveryCanaryCallerOnTheCoreWhenThePercentageRises() {
        for (int caller = 0; caller < 500; caller++) {
            String key = "email:user" + caller + "@example.com";
            int firstPercentOnCore = IntStream.rangeClosed(0, 100)
                    .filter(p -> Callers.canary(p, key) == Backend.CORE).findFirst().orElseThrow();
            assertThat(IntStream.rangeClosed(firstPercentOnCore, 100))
                    .allMatch(p -> Callers.canary(p, key) == Backend.CORE);
        }
    }

    @Test
    void spreadsCallersEvenlyOverTheBuckets() {
        long onCore = IntStream.range(0, 10_000)
                .filter(i -> Callers.canary(30, "email:user" + i + "@example.com") == Backend.CORE).count();

        assertThat(onCore).isBetween(2_700L, 3_300L);
    }
}
