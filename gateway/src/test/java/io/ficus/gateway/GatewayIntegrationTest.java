package io.ficus.gateway;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.ficus.gateway.catalog.Mode;
import io.ficus.gateway.catalog.Toggle;
import io.ficus.gateway.toggles.ToggleStore;
import io.ficus.testkit.Database;
import io.ficus.testkit.TestInfra;
import io.netty.util.ResourceLeakDetector;
import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.client.reactive.JdkClientHttpConnector;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The whole gateway on a random port, with WireMock standing in for the legacy and the new core
 * and a real PostgreSQL from the testkit. Every subclass shares one application context: they
 * must not add configuration of their own.
 *
 * <p>Netty runs with paranoid leak detection and every test fails on a leak report. The test
 * client is the JDK's HTTP client, so any Netty buffer reported is the gateway's own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class GatewayIntegrationTest {

    protected static final String ADMIN = "admin";
    protected static final String ADMIN_PASSWORD = "test-secret";

    /** The secret the gateway sends the new core with each dry run. */
    protected static final String GATEWAY_SECRET = "test-gateway-secret-0123456789abcdef";

    protected static final WireMockServer legacy;
    protected static final WireMockServer core;
    private static final Database database;

    static {
        LeakReports.install();
        legacy = new WireMockServer(options().dynamicPort().containerThreads(40));
        core = new WireMockServer(options().dynamicPort().containerThreads(40));
        legacy.start();
        core.start();
        database = TestInfra.newDatabase("gateway");
    }

    @DynamicPropertySource
    static void gatewayProperties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", database::jdbcUrl);
        registry.add("spring.datasource.username", database::username);
        registry.add("spring.datasource.password", database::password);
        registry.add("ficus.gateway.legacy-url", legacy::baseUrl);
        registry.add("ficus.gateway.core-url", core::baseUrl);
        registry.add("ficus.gateway.admin.username", () -> ADMIN);
        registry.add("ficus.gateway.admin.password", () -> ADMIN_PASSWORD);
        registry.add("ficus.gateway.response-timeout", () -> "1s");
        registry.add("ficus.gateway.shadow.timeout", () -> "2s");
        registry.add("ficus.gateway.expose-backend-header", () -> "true");
        registry.add("ficus.security.gateway-secret", () -> GATEWAY_SECRET);
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected ToggleStore toggles;

    @Autowired
    protected JdbcTemplate jdbc;

    protected WebTestClient client;

    @BeforeEach
    void resetBackendsAndToggles() {
        legacy.resetAll();
        core.resetAll();
        jdbc.update("update route_toggle set mode = 'LEGACY', percent = 0, shadow_reads = false");
        toggles.refresh();
        client = WebTestClient.bindToServer(new JdkClientHttpConnector())
                .baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(15))
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024))
                .build();
    }

    @AfterEach
    void noBufferLeakedByThisTest(TestInfo test) {
        assertThat(LeakReports.collect()).as("Netty buffer leaks after " + test.getDisplayName()).isEmpty();
    }

    @AfterAll
    static void noBufferLeaked() {
        assertThat(LeakReports.level()).isEqualTo(ResourceLeakDetector.Level.PARANOID);
        assertThat(LeakReports.collect()).as("Netty buffer leaks").isEmpty();
    }

    /** An absolute URI on the gateway, sent exactly as written (no template encoding). */
    protected URI gateway(String pathAndQuery) {
        return URI.create("http://localhost:" + port + pathAndQuery);
    }

    /** Puts a whole group in a mode, as an admin would. */
    protected void setGroup(String group, Mode mode, int percent) {
        toggles.changeGroup(group, new Toggle(mode, percent), "test", "test setup");
    }

    /** The HTTP Basic header of the configured admin. */
    protected static String adminAuthorization() {
        return basic(ADMIN, ADMIN_PASSWORD);
    }

    protected static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** An unsigned token whose payload carries this email, enough for routing. */
    protected static String bearer(String email) {
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        String header = encoder.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = encoder.encodeToString(("{\"email\":\"" + email + "\"}").getBytes(StandardCharsets.UTF_8));
        return "Bearer " + header + "." + payload + ".c2lnbmF0dXJl";
    }
}
