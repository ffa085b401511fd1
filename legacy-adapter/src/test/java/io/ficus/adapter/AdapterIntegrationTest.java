package io.ficus.adapter;

import io.ficus.testkit.Database;
import io.ficus.testkit.TestInfra;
import org.flywaydb.core.Flyway;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the adapter's integration tests: one Spring context for all of them, on a real
 * legacy database (the legacy app's own migrations) and a real Kafka broker.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
public abstract class AdapterIntegrationTest {

    protected static final Database legacy = TestInfra.newDatabase("adapter_legacy");
    protected static final Database core = TestInfra.newDatabase("adapter_core");
    protected static final String prefix = TestInfra.newTopicPrefix();

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
        registry.add("ficus.adapter.admin.username", () -> "admin");
        registry.add("ficus.adapter.admin.password", () -> "test-admin-password");
    }
}
