package io.ficus.gateway.cutover;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.ficus.gateway.GatewayApplication;
import io.ficus.gateway.LeakReports;
import io.ficus.testkit.Database;
import io.ficus.testkit.TestInfra;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * Two whole gateway applications (two Spring contexts on their own ports in this JVM) on one real PostgreSQL
 * database, WireMock standing in for the legacy, the new core and legacy-adapter's sync fence, and a write load of
 * several clients spread over both gateways.
 */
final class TwoGateways implements AutoCloseable {

    static final String ADMIN = "admin";
    static final String ADMIN_PASSWORD = "test-secret";
    /** bcrypt (cost 4, for speed) of {@link #ADMIN_PASSWORD}. */
    private static final String ADMIN_HASH = "{bcrypt}$2a$04$cbT2BmByAmsyiMTk0y2xc.nGeSmiODQ1rTE2ag9bkd8HW2rQcqaQ6";

    static {
        LeakReports.install();
    }

    final WireMockServer legacy;
    final WireMockServer core;
    final WireMockServer adapter = new WireMockServer(options().dynamicPort());
    final Database database = TestInfra.newDatabase("two_gateways");
    final List<ConfigurableApplicationContext> gateways = new ArrayList<>();
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final JdbcTemplate admin;
    /** The database role of the second gateway, which {@link #cutDatabase()} locks out. */
    final String secondRole = TestInfra.uniqueName("gateway_b");

    TwoGateways(Map<String, String> settings) {
        this(settings, true);
    }

    /**
     * @param requestJournal whether the WireMock backends keep every request they served (tests that verify requests
     *                       need it; at a thousand requests per second it holds the heap and slows them down)
     */
    TwoGateways(Map<String, String> settings, boolean requestJournal) {
        legacy = new WireMockServer(backendOptions(requestJournal));
        core = new WireMockServer(backendOptions(requestJournal));
        legacy.start();
        core.start();
        adapter.start();
        admin = new JdbcTemplate(new SimpleDriverDataSource(new org.postgresql.Driver(), database.jdbcUrl(),
                database.username(), database.password()));
        admin.execute("create role " + secondRole + " login password 'gateway-b'");
        admin.execute("alter default privileges in schema public grant all on tables to " + secondRole);
        admin.execute("alter default privileges in schema public grant all on sequences to " + secondRole);
        for (int i = 0; i < 2; i++) {
            Map<String, String> p = new HashMap<>();
            p.put("server.port", "0");
            p.put("spring.datasource.url", database.jdbcUrl());
            p.put("spring.datasource.username", i == 0 ? database.username() : secondRole);
            p.put("spring.datasource.password", i == 0 ? database.password() : "gateway-b");
            p.put("spring.datasource.hikari.connection-timeout", "2000");
            p.put("ficus.gateway.legacy-url", legacy.baseUrl());
            p.put("ficus.gateway.core-url", core.baseUrl());
            p.put("ficus.security.users[0].name", ADMIN);
            p.put("ficus.security.users[0].password", ADMIN_HASH);
            p.put("ficus.security.users[0].roles", "OPERATOR");
            p.put("ficus.security.gateway-secret", "two-gateways-secret-0123456789abcdef");
            p.put("ficus.gateway.response-timeout", "10s");
            p.put("ficus.gateway.expose-backend-header", "true");
            p.put("ficus.gateway.handover.fence-url", adapter.baseUrl());
            p.put("ficus.gateway.handover.fence-username", "operator");
            p.put("ficus.gateway.handover.fence-password", "fence-secret");
            p.putAll(settings);
            // as command-line arguments, which win over application.yml (default properties would not)
            gateways.add(new SpringApplicationBuilder(GatewayApplication.class, OwnNettyResources.class)
                    .run(p.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new)));
        }
    }

    private static WireMockConfiguration backendOptions(boolean requestJournal) {
        WireMockConfiguration options = options().dynamicPort().containerThreads(60);
        return requestJournal ? options : options.disableRequestJournal();
    }

    /** Locks the second gateway out of its database and ends its sessions. */
    void cutDatabase() {
        admin.execute("alter role " + secondRole + " nologin");
        admin.queryForList("select pg_terminate_backend(pid) from pg_stat_activity where usename = ?", Boolean.class, secondRole);
    }

    /** Lets the second gateway reach its database again. */
    void restoreDatabase() {
        admin.execute("alter role " + secondRole + " login");
    }

    /**
     * Netty resources of the context's own: with the global ones, closing these contexts would dispose the event
     * loops and connection pools of every other gateway context of the JVM (the shared test context included).
     */
    @Configuration(proxyBeanMethods = false)
    static class OwnNettyResources {

        @Bean
        ReactorResourceFactory reactorResourceFactory() {
            ReactorResourceFactory factory = new ReactorResourceFactory();
            factory.setUseGlobalResources(false);
            factory.setShutdownQuietPeriod(Duration.ZERO);
            return factory;
        }
    }

    int port(int gateway) {
        return ((WebServerApplicationContext) gateways.get(gateway)).getWebServer().getPort();
    }

    <T> T bean(int gateway, Class<T> type) {
        return gateways.get(gateway).getBean(type);
    }

    void backendsAnswer(int delayMillis) {
        legacy.resetAll();
        core.resetAll();
        adapter.resetAll();
        legacy.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withFixedDelay(delayMillis)
                .withHeader("Content-Type", "application/json").withBody("{\"by\":\"legacy\"}")));
        core.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withFixedDelay(delayMillis)
                .withHeader("Content-Type", "application/json").withBody("{\"by\":\"core\"}")));
    }

    /** Flips a group through the admin API of one gateway, as an operator would. */
    HttpResponse<String> flip(int gateway, String group, String mode, String reason) throws Exception {
        String auth = Base64.getEncoder().encodeToString((ADMIN + ":" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port(gateway) + "/ficus/api/groups/"
                        + group + "/mode"))
                .header("Authorization", "Basic " + auth).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60))
                .PUT(HttpRequest.BodyPublishers.ofString("{\"mode\":\"" + mode + "\",\"reason\":\"" + reason + "\"}"))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /**
     * One write as a client saw it.
     *
     * @param requestId its {@code X-Request-Id}
     * @param gateway   the gateway it was sent to
     * @param sent      when it was sent ({@link System#nanoTime()})
     * @param answered  when its answer arrived
     * @param status    the status, or -1 when the client got no answer
     * @param backend   the {@code X-Ficus-Backend} of the answer
     */
    record Write(String requestId, int gateway, long sent, long answered, int status, String backend) {

        Duration latency() {
            return Duration.ofNanos(answered - sent);
        }
    }

    /** A write load: {@code clients} threads, each sending PATCH writes one after the other, alternating gateways. */
    final class Load implements AutoCloseable {

        final List<Write> writes = new CopyOnWriteArrayList<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final ExecutorService pool;
        private final List<Future<?>> clients = new ArrayList<>();
        private final AtomicInteger sequence = new AtomicInteger();

        Load(int clients, Duration pauseBetweenWrites) {
            pool = Executors.newFixedThreadPool(clients);
            for (int c = 0; c < clients; c++) {
                int client = c;
                this.clients.add(pool.submit(() -> {
                    while (running.get()) {
                        int n = sequence.incrementAndGet();
                        write(n % 2, "/api/tickets/t" + client, n);
                        if (!pauseBetweenWrites.isZero()) {
                            try {
                                Thread.sleep(pauseBetweenWrites.toMillis());
                            } catch (InterruptedException e) {
                                return null;
                            }
                        }
                    }
                    return null;
                }));
            }
        }

        private void write(int gateway, String path, int n) {
            String requestId = UUID.randomUUID().toString();
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port(gateway) + path))
                    .header("X-Request-Id", requestId).header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(30))
                    .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"title\":\"write " + n + "\"}"))
                    .build();
            long sent = System.nanoTime();
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                writes.add(new Write(requestId, gateway, sent, System.nanoTime(), response.statusCode(),
                        response.headers().firstValue("X-Ficus-Backend").orElse("")));
            } catch (Exception e) {
                writes.add(new Write(requestId, gateway, sent, System.nanoTime(), -1, e.toString()));
            }
        }

        @Override
        public void close() throws Exception {
            running.set(false);
            for (Future<?> client : clients) {
                client.get();
            }
            pool.shutdown();
        }
    }

    @Override
    public void close() {
        gateways.forEach(ConfigurableApplicationContext::close);
        legacy.stop();
        core.stop();
        adapter.stop();
    }
}
