package io.ficus.adapter;

import io.ficus.testkit.Database;
import io.ficus.testkit.TestInfra;
import org.flywaydb.core.Flyway;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the adapter's integration tests: one Spring context for all of them, on a real
 * legacy database (the legacy app's own migrations) and a real Kafka broker, serving HTTP on a
 * random port with an operator ({@link #OPERATOR}) and a viewer ({@link #VIEWER}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class AdapterIntegrationTest {

    protected static final Database legacy = TestInfra.newDatabase("adapter_legacy");
    protected static final Database core = TestInfra.newDatabase("adapter_core");
    protected static final String prefix = TestInfra.newTopicPrefix();
    /** The operator's name and password. */
    protected static final String[] OPERATOR = {"admin", "test-admin-password"};
    /** The viewer's name and password. */
    protected static final String[] VIEWER = {"viewer", "test-viewer-password"};
    private static final PasswordEncoder hashes = new BCryptPasswordEncoder(4);
    private static final String OPERATOR_HASH = "{bcrypt}" + hashes.encode(OPERATOR[1]);
    private static final String VIEWER_HASH = "{bcrypt}" + hashes.encode(VIEWER[1]);

    @LocalServerPort
    protected int port;

    static {
        Flyway.configure().dataSource(legacy.jdbcUrl(), legacy.username(), legacy.password())
                .locations("classpath:db/legacy").load().migrate();
        Flyway.configure().dataSource(core.jdbcUrl(), core.username(), core.password())
                .locations("classpath:db/core").load().migrate();
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", legacy::jdbcUrl);
        registry.add("spring.datasource.username", legacy::username);
        registry.add("spring.datasource.password", legacy::password);
        registry.add("spring.kafka.bootstrap-servers", () -> TestInfra.kafka().bootstrapServers());
        registry.add("ficus.adapter.topic-prefix", () -> prefix);
        registry.add("ficus.adapter.reconciliation.core-db.url", core::jdbcUrl);
        registry.add("ficus.adapter.reconciliation.core-db.username", core::username);
        registry.add("ficus.adapter.reconciliation.core-db.password", core::password);
        registry.add("ficus.adapter.reconciliation.owners.TICKET", () -> "CORE");
        registry.add("ficus.adapter.reconciliation.repair-settle", () -> "2s");
        // The echo mark purge runs when a test calls it.
        registry.add("ficus.adapter.sync-marks.purge-interval", () -> "1h");
        registry.add("ficus.security.users[0].name", () -> OPERATOR[0]);
        registry.add("ficus.security.users[0].password", () -> OPERATOR_HASH);
        registry.add("ficus.security.users[0].roles", () -> "OPERATOR");
        registry.add("ficus.security.users[1].name", () -> VIEWER[0]);
        registry.add("ficus.security.users[1].password", () -> VIEWER_HASH);
        registry.add("ficus.security.users[1].roles", () -> "VIEWER");
    }
}
