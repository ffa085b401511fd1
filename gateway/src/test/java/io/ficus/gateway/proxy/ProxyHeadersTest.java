package io.ficus.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ORIGINAL_REQUEST_URL_ATTR;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR;

import io.ficus.gateway.GatewayIntegrationTest;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.gateway.filter.NettyRoutingFilter;
import org.springframework.cloud.gateway.filter.headers.ForwardedHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter.Type;
import org.springframework.cloud.gateway.filter.headers.RemoveForwardedHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.RemoveHopByHopHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.RemoveXForwardedHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.TransferEncodingNormalizationHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.XForwardedHeadersFilter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.support.Netty4HeadersAdapter;
import org.springframework.http.HttpMethod;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

/**
 * {@link ProxyHeaders} gives the backend (and the client) exactly the headers Spring Cloud Gateway's header filters
 * give, in the same order and case: both run on the same requests and answers, with the gateway's own configuration
 * (the filter beans of the application context, in the order the routing filter would run them) and with others
 * (untrusted peers, no trusted proxies at all).
 */
class ProxyHeadersTest extends GatewayIntegrationTest {

    @Autowired
    ObjectProvider<List<HttpHeadersFilter>> springCloudGatewayFilters;

    @Autowired
    List<NettyRoutingFilter> routingFilters;

    private static final InetSocketAddress PEER = new InetSocketAddress("203.0.113.9", 51234);

    /** Requests as clients and proxies send them: each a URL, a peer and headers. */
    private static List<MockServerWebExchange> requests() {
        List<MockServerWebExchange> requests = new ArrayList<>();
        requests.add(request("http://gw.example:8080/api/tickets/1", PEER,
                "Host", "gw.example:8080", "Content-Type", "application/json", "Content-Length", "17",
                "Authorization", "Bearer abc", "X-Request-Id", "r-1"));
        requests.add(request("http://gw.example/api/tickets/1", PEER,
                "Host", "gw.example", "X-Forwarded-For", "198.51.100.1, 198.51.100.2", "x-forwarded-proto", "https",
                "X-Forwarded-Port", "443", "X-Forwarded-Host", "api.example",
                "Forwarded", "for=198.51.100.1;proto=https, by=10.0.0.1", "Forwarded", "For=\"[2001:db8::1]:80\";host=x",
                "Accept", "application/json", "Accept", "text/plain"));
        requests.add(request("http://gw.example:8080/api/projects", PEER,
                "Host", "gw.example:8080", "Connection", "keep-alive, X-Custom, Forwarded", "Keep-Alive", "timeout=5",
                "X-Custom", "hop", "X-Other", "kept"));
        requests.add(request("http://gw.example:8080/api/projects", PEER,
                "Host", "gw.example:8080", "Transfer-Encoding", "chunked", "Content-Length", "4", "TE", "trailers",
                "Trailer", "X-T", "Upgrade", "websocket", "Proxy-Authorization", "Basic x",
                "X-Application-Context", "app", "Proxy-Connection", "keep-alive"));
        requests.add(request("https://gw.example/api/users/me", new InetSocketAddress("2001:db8::7", 40000),
                "Host", "gw.example", "Connection", "X-Forwarded-For", "X-Forwarded-For", "198.51.100.3"));
        requests.add(request("http://gw.example:80/api/users/me", InetSocketAddress.createUnresolved("client.example", 4000),
                "Host", "gw.example:80"));
        requests.add(request("http://gw.example:8080/api/users/me", null, "x-forwarded-for", "198.51.100.4"));
        // a forwarded value with a character that ends a line for regular expressions: "." does not match it
        requests.add(request("http://gw.example:8080/api/users/me", PEER, "Host", "gw.example:8080",
                "X-Forwarded-For", "198.51.100.5\u0085x, 198.51.100.6"));
        requests.add(request("http://gw.example:8080/api/users/me", PEER, "Host", "gw.example:8080",
                "Connection", "keep-alive", "Keep-Alive", "timeout=5", "Accept", "*/*"));
        requests.add(request("http://gw.example:8080/prefix/api/users/me", PEER, "Host", "gw.example:8080"));
        requests.get(requests.size() - 1).getAttributes().put(GATEWAY_ORIGINAL_REQUEST_URL_ATTR,
                new LinkedHashSet<>(List.of(URI.create("http://gw.example:8080/prefix/api/users/me"))));
        requests.get(requests.size() - 1).getAttributes().put(GATEWAY_REQUEST_URL_ATTR,
                URI.create("http://legacy:8081/api/users/me"));
        return requests;
    }

    private static MockServerWebExchange request(String url, InetSocketAddress peer, String... headerLines) {
        MockServerHttpRequest.BaseBuilder<?> builder = MockServerHttpRequest.method(HttpMethod.PATCH, URI.create(url));
        if (peer != null) {
            builder.remoteAddress(peer);
        }
        HttpHeaders headers = new HttpHeaders();
        for (int i = 0; i < headerLines.length; i += 2) {
            headers.add(headerLines[i], headerLines[i + 1]);
        }
        builder.headers(headers);
        return MockServerWebExchange.from(builder);
    }

    @Test
    void givesTheBackendTheHeadersSpringCloudGatewaysHeaderFiltersGaveInTheSameOrder() {
        List<HttpHeadersFilter> theirs = springCloudGatewayFilters.getIfAvailable();
        assertThat(theirs).extracting(f -> (Object) f.getClass()).containsExactly(ForwardedHeadersFilter.class,
                XForwardedHeadersFilter.class, TransferEncodingNormalizationHeadersFilter.class, RemoveHopByHopHeadersFilter.class);
        List<HttpHeadersFilter> ours = routingFilters.get(0).getHeadersFilters();
        assertThat(routingFilters).singleElement();
        assertThat(ours).filteredOn(filter -> filter.supports(Type.REQUEST)).hasSize(1);
        for (MockServerWebExchange exchange : requests()) {
            assertThat(lines(HttpHeadersFilter.filterRequest(ours, exchange)))
                    .as("%s from %s", exchange.getRequest().getHeaders(), exchange.getRequest().getRemoteAddress())
                    .isEqualTo(lines(HttpHeadersFilter.filterRequest(theirs, exchange)));
        }
    }

    @Test
    void givesTheClientTheAnswersHeadersSpringCloudGatewaysHeaderFiltersGave() {
        List<HttpHeadersFilter> theirs = springCloudGatewayFilters.getIfAvailable();
        List<HttpHeadersFilter> ours = routingFilters.get(0).getHeadersFilters();
        HttpHeaders answer = new HttpHeaders();
        answer.add("Content-Type", "application/json");
        answer.add("Connection", "close, X-Secret");
        answer.add("Keep-Alive", "timeout=5");
        answer.add("Transfer-Encoding", "chunked");
        answer.add("X-Secret", "s");
        answer.add("Set-Cookie", "a=1");
        answer.add("Set-Cookie", "b=2");
        MockServerWebExchange exchange = requests().get(0);
        assertThat(lines(HttpHeadersFilter.filter(ours, answer, exchange, Type.RESPONSE)))
                .isEqualTo(lines(HttpHeadersFilter.filter(theirs, answer, exchange, Type.RESPONSE)))
                .containsExactly("Content-Type: [application/json]", "Set-Cookie: [a=1, b=2]");
    }

    @Test
    void givesTheBackendAndTheClientTheSameHeadersStraightOnNettysHeaders() {
        ProxyHeaders request = ours(Type.REQUEST);
        ProxyHeaders response = ours(Type.RESPONSE);
        int compared = 0;
        for (MockServerWebExchange exchange : requests()) {
            if (exchange.getAttributes().containsKey(GATEWAY_ORIGINAL_REQUEST_URL_ATTR)) {
                continue; // a prefix stripped by a route: never on the lean path
            }
            var in = netty(exchange.getRequest().getHeaders());
            var out = new io.netty.handler.codec.http.DefaultHttpHeaders();
            request.forward(in, out, exchange.getRequest().getURI(), exchange.getRequest().getRemoteAddress());
            assertThat(lines(new HttpHeaders(new Netty4HeadersAdapter(out))))
                    .as("%s from %s", exchange.getRequest().getHeaders(), exchange.getRequest().getRemoteAddress())
                    .isEqualTo(lines(request.forward(exchange.getRequest().getHeaders(), exchange.getRequest().getURI(),
                            exchange.getRequest().getRemoteAddress())));
            var answered = new io.netty.handler.codec.http.DefaultHttpHeaders();
            response.answer(in, answered);
            assertThat(lines(new HttpHeaders(new Netty4HeadersAdapter(answered))))
                    .isEqualTo(lines(response.filter(exchange.getRequest().getHeaders(), exchange)));
            compared++;
        }
        assertThat(compared).isGreaterThan(5);
    }

    private ProxyHeaders ours(Type type) {
        return routingFilters.get(0).getHeadersFilters().stream().filter(f -> f.supports(type))
                .map(ProxyHeaders.class::cast).findFirst().orElseThrow();
    }

    private static io.netty.handler.codec.http.HttpHeaders netty(HttpHeaders headers) {
        var netty = new io.netty.handler.codec.http.DefaultHttpHeaders();
        for (Map.Entry<String, List<String>> entry : headers.headerSet()) {
            netty.add(entry.getKey(), entry.getValue());
        }
        return netty;
    }

    @Test
    void dropsForwardedHeadersOfUntrustedPeersAsSpringCloudGatewayDoes() {
        String trusted = "10\\.9\\..*|198\\.51\\.100\\.1|203\\.0\\.113\\.9";
        List<HttpHeadersFilter> theirs = List.of(new ForwardedHeadersFilter(trusted), new XForwardedHeadersFilter(trusted),
                new TransferEncodingNormalizationHeadersFilter(), new RemoveHopByHopHeadersFilter());
        HttpHeadersFilter ours = ProxyHeaders.request(RemoveHopByHopHeadersFilter.HEADERS_REMOVED_ON_REQUEST, trusted,
                true, true, false, 8080);
        compare(theirs, ours, e -> e);
        // the same requests from a peer that is not trusted
        compare(theirs, ours, e -> MockServerWebExchange.from(MockServerHttpRequest.method(HttpMethod.PATCH,
                e.getRequest().getURI()).remoteAddress(new InetSocketAddress("192.0.2.1", 1)).headers(e.getRequest().getHeaders())));
    }

    @Test
    void onlyRemovesForwardedHeadersWithoutTrustedProxiesAsSpringCloudGatewayDoes() {
        List<HttpHeadersFilter> theirs = List.of(new RemoveForwardedHeadersFilter(), new RemoveXForwardedHeadersFilter(),
                new TransferEncodingNormalizationHeadersFilter(), new RemoveHopByHopHeadersFilter());
        compare(theirs, ProxyHeaders.request(RemoveHopByHopHeadersFilter.HEADERS_REMOVED_ON_REQUEST, null, true, true,
                false, 8080), e -> e);
        ForwardedHeadersFilter forwardedBy = new ForwardedHeadersFilter(".*");
        forwardedBy.setForwardedByEnabled(true);
        forwardedBy.setServerPort(8080);
        compare(List.of(forwardedBy, new RemoveXForwardedHeadersFilter(), new TransferEncodingNormalizationHeadersFilter(),
                        new RemoveHopByHopHeadersFilter()),
                ProxyHeaders.request(RemoveHopByHopHeadersFilter.HEADERS_REMOVED_ON_REQUEST, ".*", true, false, true, 8080),
                e -> e);
    }

    private static void compare(List<HttpHeadersFilter> theirs, HttpHeadersFilter ours,
                                UnaryOperator<MockServerWebExchange> variant) {
        for (MockServerWebExchange original : requests()) {
            MockServerWebExchange exchange = variant.apply(original);
            exchange.getAttributes().putAll(original.getAttributes());
            assertThat(lines(HttpHeadersFilter.filterRequest(List.of(ours), exchange)))
                    .as("%s from %s", exchange.getRequest().getHeaders(), exchange.getRequest().getRemoteAddress())
                    .isEqualTo(lines(HttpHeadersFilter.filterRequest(theirs, exchange)));
        }
    }

    private static List<String> lines(HttpHeaders headers) {
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, List<String>> entry : headers.headerSet()) {
            lines.add(entry.getKey() + ": " + entry.getValue());
        }
        return lines;
    }
}
