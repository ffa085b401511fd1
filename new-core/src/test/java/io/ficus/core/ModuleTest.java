package io.ficus.core;

import io.ficus.testkit.Database;
import io.ficus.testkit.TestInfra;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the module tests ({@code @ApplicationModuleTest}, the middle tier): one module (with its direct dependencies
 * where it needs them) bootstrapped alone against a real PostgreSQL database and Kafka, shared by every module test.
 */
public abstract class ModuleTest {

    private static Database database;

    @Autowired
    protected JdbcClient jdbc;
    @Autowired
    private ApplicationEventPublisher events;
    @Autowired
    private TransactionTemplate transaction;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> database().jdbcUrl());
        registry.add("spring.datasource.username", () -> database().username());
        registry.add("spring.datasource.password", () -> database().password());
        registry.add("spring.kafka.bootstrap-servers", () -> TestInfra.kafka().bootstrapServers());
        registry.add("ficus.core.topic-prefix", () -> "module-tests.");
    }

    private static synchronized Database database() {
        if (database == null) {
            database = TestInfra.newDatabase("modules");
        }
        return database;
    }

    /** A project row to lock, as the projects module keeps it (modules other than projects only need it to exist). */
    protected UUID project() {
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into projects_project (id, name, description, created_at, version) values (?, 'p', null, now(), 1)")
                .param(id).update();
        return id;
    }

    /** Publishes events in one transaction, as the module that owns them would. */
    protected void published(Object... events) {
        transaction.executeWithoutResult(status -> {
            for (Object event : events) {
                this.events.publishEvent(event);
            }
        });
    }

    protected long count(String sql, Object... args) {
        return jdbc.sql(sql).params(args).query(Long.class).single();
    }
}
