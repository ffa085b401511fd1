package io.ficus.gateway.proxy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.ficus.gateway.GatewayIntegrationTest;
import io.ficus.gateway.catalog.Mode;
import io.ficus.gateway.catalog.Toggle;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.netty.handler.codec.http.HttpMethod;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import reactor.netty.http.client.HttpClient;

/**
 * The lean path ({@link LeanProxy}) answers plain reads nothing compares exactly as the full path does, and leaves
 * everything else to the full path. The full path's answer of the same request is had by turning the lean path off
 * on the same server for one request.
 */
class LeanProxyTest extends GatewayIntegrationTest {

    private static final String BODY = "{\"id\":\"42\",\"title\":\"lean\"}";

    @Autowired
    MeterRegistry meters;

    @Autowired
    LeanProxy leanProxy;

    @org.junit.jupiter.api.AfterEach
    void leanPathOn() {
        leanProxy.enabled(true);
    }

    /** The same request on the full path. */
    private Sent full(java.util.function.Supplier<Sent> request) {
        leanProxy.enabled(false);
        try {
            return request.get();
        } finally {
            leanProxy.enabled(true);
        }
    }

    /** A raw client: it sends the headers it is given, hop-by-hop ones included. */
    private final HttpClient raw = HttpClient.create().responseTimeout(Duration.ofSeconds(15));

    record Sent(int status, Map<String, String> headers, String body) {
    }

    private Sent send(HttpMethod method, String pathAndQuery, Map<String, String> headers, String body) {
        return raw.headers(h -> headers.forEach(h::add))
                .request(method)
                .uri("http://localhost:" + port + pathAndQuery)
                .send((request, out) -> body == null ? out : out.sendString(reactor.core.publisher.Mono.just(body)))
                .responseSingle((response, content) -> content.asString().defaultIfEmpty("").map(text -> {
                    Map<String, String> received = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                    response.responseHeaders().forEach(e -> received.merge(e.getKey(), e.getValue(), (a, b) -> a + "," + b));
                    return new Sent(response.status().code(), received, text);
                }))
                .block(Duration.ofSeconds(20));
    }

    private Sent read(String pathAndQuery, Map<String, String> headers) {
        return send(HttpMethod.GET, pathAndQuery, headers, null);
    }

    /** The backends' first answer can take seconds on a busy machine (3 s is the tests' response timeout). */
    @org.junit.jupiter.api.BeforeEach
    void warmTheBackends() {
        for (var backend : List.of(legacy, core)) {
            raw.get().uri(backend.baseUrl() + "/__admin/health").response().block(Duration.ofSeconds(30));
        }
    }

    private double lean() {
        return meters.counter("ficus.gateway.lean").count();
    }

    /** The headers the legacy received with the newest request for a path, the client's port left out. */
    private static Map<String, String> receivedByLegacy(String pathAndQuery) {
        ServeEvent event = legacy.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().equals(pathAndQuery))
                .max(Comparator.comparing(e -> e.getRequest().getLoggedDate()))
                .orElseThrow();
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (HttpHeader header : event.getRequest().getHeaders().all()) {
            headers.put(header.key(), String.join(",", header.values()).replaceAll("(for=\"[^\"]*):\\d+\"", "$1\""));
        }
        return headers;
    }

    @Test
    void aPlainReadOfALegacyRouteTakesTheLeanPathAndIsAnsweredAsTheFullPathAnswersIt() {
        legacy.stubFor(get(urlPathMatching("/api/tickets/42")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withHeader("X-Legacy", "yes")
                .withHeader("Keep-Alive", "timeout=5").withHeader("Proxy-Authenticate", "Basic").withBody(BODY)));
        core.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(BODY)));
        Map<String, String> headers = Map.of("Authorization", "Bearer abc", "X-Client", "c1",
                "X-Request-Id", "lean-1", "Keep-Alive", "timeout=5", "Proxy-Authorization", "Basic eDp5",
                "X-Ficus-Dry-Run", "true", "X-Forwarded-For", "10.9.9.9", "Connection", "keep-alive, X-Drop",
                "X-Drop", "dropped hop by hop", "Accept", "application/json");

        double before = lean();
        Sent leanAnswer = read("/api/tickets/42?expand=a%20b&x=1", headers);
        Map<String, String> leanSent = receivedByLegacy("/api/tickets/42?expand=a%20b&x=1");
        assertThat(lean()).isEqualTo(before + 1);

        Sent fullAnswer = full(() -> read("/api/tickets/42?expand=a%20b&x=1", headers));
        Map<String, String> fullSent = receivedByLegacy("/api/tickets/42?expand=a%20b&x=1");
        assertThat(lean()).as("the second took the full path").isEqualTo(before + 1);

        assertThat(leanSent).isEqualTo(fullSent);
        assertThat(leanSent).containsEntry("X-Request-Id", "lean-1").containsEntry("Authorization", "Bearer abc")
                .containsKeys("X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Host", "X-Forwarded-Port", "Forwarded")
                .doesNotContainKeys("Keep-Alive", "Proxy-Authorization", "X-Drop", "X-Ficus-Dry-Run");
        assertThat(leanSent.get("X-Forwarded-For")).isEqualTo("127.0.0.1");
        assertThat(leanAnswer.status()).isEqualTo(200);
        assertThat(leanAnswer.body()).isEqualTo(BODY).isEqualTo(fullAnswer.body());
        Map<String, String> leanReceived = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        leanReceived.putAll(leanAnswer.headers());
        Map<String, String> fullReceived = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        fullReceived.putAll(fullAnswer.headers());
        leanReceived.remove("Date");
        fullReceived.remove("Date");
        assertThat(leanReceived).isEqualTo(fullReceived)
                .containsEntry("X-Request-Id", "lean-1").containsEntry("X-Ficus-Backend", "legacy")
                .containsEntry("X-Legacy", "yes").doesNotContainKeys("Keep-Alive", "Proxy-Authenticate");
    }

    @Test
    void aShadowedReadOnTheLeanPathIsComparedAndStoredAsOnTheFullPath() {
        legacy.stubFor(get("/api/tickets/s1").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(BODY)));
        core.stubFor(get("/api/tickets/s1").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"title\":\"lean\",\"id\":\"42\"}")));
        core.stubFor(get("/api/tickets/s2").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"id\":\"42\",\"title\":\"other\"}")));
        legacy.stubFor(get("/api/tickets/s2").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(BODY)));
        setGroup("tickets", Mode.SHADOW, 0);
        double before = lean();

        Sent leanMatch = read("/api/tickets/s1", Map.of("X-Request-Id", "shadow-lean-1", "Authorization", "Bearer s3cr3t"));
        Sent fullMatch = full(() -> read("/api/tickets/s1", Map.of("X-Request-Id", "shadow-full-1", "Authorization", "Bearer s3cr3t")));
        Sent leanMismatch = read("/api/tickets/s2", Map.of("X-Request-Id", "shadow-lean-2"));
        Sent fullMismatch = full(() -> read("/api/tickets/s2", Map.of("X-Request-Id", "shadow-full-2")));

        assertThat(lean()).isEqualTo(before + 2);
        assertThat(List.of(leanMatch, fullMatch, leanMismatch, fullMismatch))
                .allSatisfy(a -> assertThat(a.body()).isEqualTo(BODY));
        String columns = "route_id, method, path, verdict, legacy_status, core_status, differences, request_headers,"
                + " request_body, legacy_body, core_body, primary_backend";
        for (String[] pair : List.of(new String[] {"shadow-lean-1", "shadow-full-1"}, new String[] {"shadow-lean-2", "shadow-full-2"})) {
            Map<String, Object> leanRow = await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForList(
                    "select " + columns + " from comparison where request_id = ?", pair[0]), rows -> !rows.isEmpty()).get(0);
            Map<String, Object> fullRow = await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForList(
                    "select " + columns + " from comparison where request_id = ?", pair[1]), rows -> !rows.isEmpty()).get(0);
            leanRow.put("request_headers", String.valueOf(leanRow.get("request_headers")).replace(pair[0], "id"));
            fullRow.put("request_headers", String.valueOf(fullRow.get("request_headers")).replace(pair[1], "id"));
            assertThat(leanRow).isEqualTo(fullRow);
        }
        assertThat(jdbc.queryForObject("select verdict from comparison where request_id = 'shadow-lean-1'", String.class))
                .isEqualTo("MATCH");
        assertThat(jdbc.queryForObject("select verdict from comparison where request_id = 'shadow-lean-2'", String.class))
                .isEqualTo("MISMATCH");
        assertThat(jdbc.queryForObject("select request_headers from comparison where request_id = 'shadow-lean-1'",
                String.class)).doesNotContain("s3cr3t");
    }

    @Test
    void aReadOfARouteInNewGoesToTheCoreOnTheLeanPath() {
        core.stubFor(get("/api/projects/7").willReturn(aResponse().withStatus(200).withBody("core")));
        legacy.stubFor(get("/api/projects/7").willReturn(aResponse().withStatus(200).withBody("legacy")));
        toggles.changeGroup("projects", new Toggle(Mode.NEW, 100, false), "test", "lean path");

        double before = lean();
        Sent answer = read("/api/projects/7", Map.of());
        assertThat(answer.body()).isEqualTo("core");
        assertThat(answer.headers()).containsEntry("X-Ficus-Backend", "core");
        assertThat(lean()).isEqualTo(before + 1);

        toggles.changeGroup("projects", new Toggle(Mode.NEW, 100, true), "test", "shadowed reads");
        assertThat(read("/api/projects/7", Map.of()).body()).isEqualTo("core");
        assertThat(lean()).as("a read the legacy shadows too").isEqualTo(before + 2);
    }

    @Test
    void requestsTheFullPathMustJudgeDoNotTakeTheLeanPath() {
        legacy.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("legacy")));
        double before = lean();

        // the strict firewall's refusals stay the firewall's
        assertThat(read("/api/tickets/a%2Fb", Map.of()).status()).isEqualTo(400);
        assertThat(read("/api/tickets/./x", Map.of()).status()).isEqualTo(400);
        assertThat(read("/api/tickets/x;jsessionid=1", Map.of()).status()).isEqualTo(400);
        // decoded paths, odd queries and writes go the full way, and are answered
        assertThat(read("/api/tickets/caf%C3%A9", Map.of()).status()).isEqualTo(200);
        assertThat(read("/api/tickets/x?q=%zz", Map.of()).status()).isIn(200, 400);
        assertThat(read("/api/tickets/x?q=a|b", Map.of()).status()).isIn(200, 400);
        assertThat(send(HttpMethod.GET, "/api/tickets/x", Map.of("Content-Type", "text/plain"), "a body").status())
                .isEqualTo(200);
        assertThat(send(HttpMethod.DELETE, "/api/tickets/x", Map.of(), null).status()).isEqualTo(200);
        assertThat(send(HttpMethod.HEAD, "/api/tickets/x", Map.of(), null).status()).isEqualTo(200);

        assertThat(lean()).isEqualTo(before);
    }

    @Test
    void aLeanReadWhoseBackendBreaksTheConnectionGets502InTheApiErrorShapeAndIsCounted() {
        legacy.stubFor(get("/api/tickets/broken").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        double before = lean();
        double errorsBefore = requests("tickets-get", "502");

        Sent answer = read("/api/tickets/broken", Map.of("X-Request-Id", "broken-1"));

        assertThat(answer.status()).isEqualTo(502);
        assertThat(answer.body()).isEqualTo("{\"status\":502,\"error\":\"Bad Gateway\",\"message\":\"The upstream service"
                + " could not be reached or broke the connection\",\"path\":\"/api/tickets/broken\"}");
        assertThat(answer.headers()).containsEntry("Content-Type", "application/json")
                .containsEntry("X-Request-Id", "broken-1").containsEntry("X-Ficus-Backend", "legacy");
        assertThat(lean()).isEqualTo(before + 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> requests("tickets-get", "502") == errorsBefore + 1);
    }

    @Test
    void manyConcurrentLeanReadsAreEachAnsweredWithTheirOwnRequestId() {
        legacy.stubFor(get(urlPathMatching("/api/tickets/c-.*")).willReturn(aResponse().withStatus(200).withBody(BODY)));
        List<Sent> answers = reactor.core.publisher.Flux.range(0, 200)
                .flatMap(i -> reactor.core.publisher.Mono.fromCallable(
                                () -> read("/api/tickets/c-" + i, Map.of("X-Request-Id", "c-" + i)))
                        .subscribeOn(reactor.core.scheduler.Schedulers.boundedElastic()), 16)
                .collectList().block(Duration.ofSeconds(60));

        assertThat(answers).hasSize(200).allSatisfy(a -> assertThat(a.status()).isEqualTo(200));
        assertThat(answers.stream().map(a -> a.headers().get("X-Request-Id")).collect(Collectors.toSet())).hasSize(200);
    }

    private double requests(String route, String status) {
        return meters.find("ficus.gateway.requests").tag("route", route).tag("status", status).timers().stream()
                .mapToDouble(Timer::count).sum();
    }
}
