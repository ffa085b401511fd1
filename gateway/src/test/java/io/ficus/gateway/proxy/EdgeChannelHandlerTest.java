package io.ficus.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpLineException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EdgeChannelHandlerTest {

    private final EmbeddedChannel channel = new EmbeddedChannel(
            new EdgeChannelHandler(TimeUnit.SECONDS.toNanos(30), 100, Pattern.compile("10\\.0\\.0\\.1")));

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    private static FullHttpRequest get(String... headers) {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/api/projects?q=1");
        for (int i = 0; i < headers.length; i += 2) {
            request.headers().add(headers[i], headers[i + 1]);
        }
        return request;
    }

    private FullHttpResponse refusal() {
        FullHttpResponse response = channel.readOutbound();
        assertThat(channel.<Object>readInbound()).isNull();
        return response;
    }

    @Test
    void removesInternalHeadersAndTheForwardedHeadersOfAnUntrustedPeer() {
        channel.writeInbound(get("Host", "h", "X-Ficus-Dry-Run", "true", "x-ficus-gateway-secret", "s", "X-FICUS-ANY", "a",
                "X-Forwarded-For", "6.6.6.6", "x-forwarded-host", "evil", "Forwarded", "for=6.6.6.6", "X-Ficusless", "kept",
                "Authorization", "Bearer t", "X-Request-Id", "r1"));

        HttpRequest passed = channel.readInbound();
        assertThat(passed.headers().names()).containsExactlyInAnyOrder("Host", "X-Ficusless", "Authorization", "X-Request-Id");
        ((FullHttpRequest) passed).release();
    }

    @Test
    void givesARequestWithoutARequestIdANewOneAndKeepsTheClientsOwn() {
        channel.writeInbound(get("Host", "h"));
        channel.writeInbound(get("Host", "h", "X-Request-Id", ""));
        channel.writeInbound(get("Host", "h", "x-request-id", "client-id"));

        FullHttpRequest missing = channel.readInbound();
        FullHttpRequest blank = channel.readInbound();
        FullHttpRequest given = channel.readInbound();
        assertThat(missing.headers().getAll("X-Request-Id")).singleElement().asString().hasSize(36);
        assertThat(blank.headers().getAll("X-Request-Id")).singleElement().asString().hasSize(36)
                .isNotEqualTo(missing.headers().get("X-Request-Id"));
        assertThat(given.headers().getAll("X-Request-Id")).containsExactly("client-id");
        missing.release();
        blank.release();
        given.release();
    }

    @Test
    void refusesTwoHostHeadersWithJson400AndClosesTheConnection() {
        channel.writeInbound(get("Host", "a", "Host", "b"));

        FullHttpResponse response = refusal();
        assertThat(response.status().code()).isEqualTo(400);
        assertThat(response.headers().get("Content-Type")).isEqualTo("application/json");
        assertThat(response.content().toString(StandardCharsets.UTF_8)).contains("\"status\":400").contains("\"path\":\"/api/projects\"");
        response.release();
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void refusesAnHttp11RequestWithoutHost() {
        channel.writeInbound(get());

        FullHttpResponse response = refusal();
        assertThat(response.status().code()).isEqualTo(400);
        response.release();
    }

    @Test
    void refusesADeclaredBodyAboveTheLimitWith413() {
        channel.writeInbound(get("Host", "h", "Content-Length", "101"));

        FullHttpResponse response = refusal();
        assertThat(response.status().code()).isEqualTo(413);
        assertThat(response.headers().get("Connection")).isEqualTo("close");
        response.release();
    }

    @Test
    void answersARequestLineTooLongWithJson414() {
        FullHttpRequest request = get("Host", "h");
        request.setDecoderResult(DecoderResult.failure(new TooLongHttpLineException("too long")));
        channel.writeInbound(request);

        FullHttpResponse response = refusal();
        assertThat(response.status().code()).isEqualTo(414);
        assertThat(response.content().toString(StandardCharsets.UTF_8)).contains("\"status\":414");
        response.release();
    }

    @Test
    void trustsOnlyPeersMatchingThePattern() {
        Pattern trusted = Pattern.compile("10\\.0\\.0\\.1");

        assertThat(EdgeChannelHandler.trusted(new InetSocketAddress("10.0.0.1", 1), trusted)).isTrue();
        assertThat(EdgeChannelHandler.trusted(new InetSocketAddress("10.0.0.11", 1), trusted)).isFalse();
        assertThat(EdgeChannelHandler.trusted(InetSocketAddress.createUnresolved("10.0.0.1", 1), trusted)).isFalse();
    }

    @Test
    void matchesHeaderPrefixesWhateverTheirCase() {
        assertThat(EdgeChannelHandler.startsWith("X-FiCuS-Dry-Run", "x-ficus-")).isTrue();
        assertThat(EdgeChannelHandler.startsWith("X-Ficu", "x-ficus-")).isFalse();
        assertThat(EdgeChannelHandler.startsWith("X-Request-Id", "x-ficus-")).isFalse();
    }

    @Test
    void acceptsTheHostFormsTomcatAcceptsAndRefusesTheOthers() {
        assertThat(java.util.List.of("localhost", "localhost:8080", "127.0.0.1:80", "[::1]:8080", "[fe80::1]", "a-b.c_d~e", ""))
                .allMatch(EdgeChannelHandler::validHost);
        assertThat(java.util.List.of("local host", "localhost/../ficus", "admin@localhost", "localhost:80a", "[::1",
                "[zz]", "h\\x", "localhost:8080/"))
                .noneMatch(EdgeChannelHandler::validHost);
    }

    @Test
    void refusesAHostWithUserInfoWith400() {
        channel.writeInbound(get("Host", "admin@localhost"));

        assertThat(refusal().status().code()).isEqualTo(400);
    }

    @Test
    void refusesAnUnknownHttpVersionWith505() {
        channel.writeInbound(new DefaultFullHttpRequest(HttpVersion.valueOf("HTTP/9.9"), HttpMethod.GET, "/api/users/me"));

        assertThat(refusal().status().code()).isEqualTo(505);
    }
}
