package io.ficus.support;

import io.ficus.testkit.Database;
import io.ficus.testkit.TestInfra;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Base of the library's tests: {@link SupportTestApplication} on a random port, with one PostgreSQL database. */
@SpringBootTest(classes = SupportTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.sql.init.mode=always", "ficus.ownership.drain-timeout=1s"})
public abstract class SupportTest {

    private static Database database;

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> database().jdbcUrl());
        registry.add("spring.datasource.username", () -> database().username());
        registry.add("spring.datasource.password", () -> database().password());
    }

    private static synchronized Database database() {
        if (database == null) {
            database = TestInfra.newDatabase("support");
        }
        return database;
    }
}
