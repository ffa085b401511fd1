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

    /** An OPERATOR. Test hashes use bcrypt cost 4 to keep logins fast; deployments use 10 or more. */
    protected static final String ADMIN = "admin";
    protected static final String ADMIN_PASSWORD = "test-secret";
    private static final String ADMIN_HASH = "{bcrypt}$2a$04$cbT2BmByAmsyiMTk0y2xc.nGeSmiODQ1rTE2ag9bkd8HW2rQcqaQ6";
    /** A VIEWER. */
    protected static final String VIEWER = "viewer";
    protected static final String VIEWER_PASSWORD = "viewer-secret";
    private static final String VIEWER_HASH = "{bcrypt}$2a$04$owbA2iQxCHnvct0dYOHcterOziVD7pDu9ejsMxgMxk0idAZ9vQc9m";
    /** A second OPERATOR (with the first one's password), to tell actors apart in the audit trail. */
    protected static final String SECOND_OPERATOR = "second-operator";
    /** A VIEWER only the lock-out tests log in as, so locking it out disturbs no other test. */
    protected static final String LOCKSMITH = "locksmith";
    protected static final String LOCKSMITH_PASSWORD = "lockout-secret";
    private static final String LOCKSMITH_HASH = "{bcrypt}$2a$04$Vgs.zx5Y1zO60zW2cSYiFO9aa.YqtAj/nwZdNZTsyyONOgJiU.TFu";

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
        registry.add("ficus.security.users[0].name", () -> ADMIN);
        registry.add("ficus.security.users[0].password", () -> ADMIN_HASH);
        registry.add("ficus.security.users[0].roles", () -> "OPERATOR");
        registry.add("ficus.security.users[1].name", () -> VIEWER);
        registry.add("ficus.security.users[1].password", () -> VIEWER_HASH);
        registry.add("ficus.security.users[1].roles", () -> "VIEWER");
        registry.add("ficus.security.users[2].name", () -> LOCKSMITH);
        registry.add("ficus.security.users[2].password", () -> LOCKSMITH_HASH);
        registry.add("ficus.security.users[2].roles", () -> "VIEWER");
        registry.add("ficus.security.users[3].name", () -> SECOND_OPERATOR);
        registry.add("ficus.security.users[3].password", () -> ADMIN_HASH);
        registry.add("ficus.security.users[3].roles", () -> "OPERATOR");
        registry.add("ficus.gateway.response-timeout", () -> "3s");
        registry.add("ficus.gateway.shadow.timeout", () -> "2s");
        registry.add("ficus.gateway.expose-backend-header", () -> "true");
        registry.add("ficus.security.gateway-secret", () -> GATEWAY_SECRET);
        // evidence: every match stored, and no gate or automatic rollback unless a test stores a group's policy
        registry.add("ficus.gateway.evidence.match-sample-every", () -> "1");
        registry.add("ficus.gateway.evidence.noise-sample-every", () -> "0");
        registry.add("ficus.gateway.evidence.default-policy.min-comparisons", () -> "0");
        registry.add("ficus.gateway.evidence.default-policy.max-mismatch-rate", () -> "1");
        registry.add("ficus.gateway.evidence.default-policy.max-core-error-rate", () -> "1");
        registry.add("ficus.gateway.evidence.default-policy.max-latency-ratio", () -> "1000000");
        registry.add("ficus.gateway.evidence.default-policy.auto-rollback", () -> "false");
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

    /** The HTTP Basic header of the configured operator. */
    protected static String adminAuthorization() {
        return basic(ADMIN, ADMIN_PASSWORD);
    }

    /** The HTTP Basic header of the configured viewer. */
    protected static String viewerAuthorization() {
        return basic(VIEWER, VIEWER_PASSWORD);
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
