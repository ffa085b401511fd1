package io.ficus.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ficus.testkit.Database;
import io.ficus.testkit.TestHttp;
import io.ficus.testkit.TestInfra;
import java.nio.file.Files;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** {@code GET /ficus/position} reports a heartbeat-table row only once Kafka acknowledged its change. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PositionEndpointTest {

    static final Database legacy = TestInfra.newDatabase("cdcpos");

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        sql("create table tkt_ticket (tkt_id varchar(36) primary key, tkt_title varchar(200) not null)");
        registry.add("spring.kafka.bootstrap-servers", () -> TestInfra.kafka().bootstrapServers());
        registry.add("ficus.cdc.database.host", legacy::host);
        registry.add("ficus.cdc.database.port", legacy::port);
        registry.add("ficus.cdc.database.name", legacy::name);
        registry.add("ficus.cdc.database.username", legacy::username);
        registry.add("ficus.cdc.database.password", legacy::password);
        registry.add("ficus.cdc.tables", () -> "tkt_ticket");
        registry.add("ficus.cdc.slot-name", legacy::name);
        registry.add("ficus.cdc.publication-name", legacy::name);
        registry.add("ficus.cdc.topic-prefix", TestInfra::newTopicPrefix);
        registry.add("ficus.cdc.heartbeat-interval", () -> "1h");
        String offsets = Files.createTempDirectory("cdc").resolve("offsets.dat").toString();
        registry.add("ficus.cdc.offset-file", () -> offsets);
    }

    static void sql(String... statements) throws Exception {
        try (var c = DriverManager.getConnection(legacy.jdbcUrl(), legacy.username(), legacy.password());
             var s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    JsonNode position() {
        var response = TestHttp.to(port).get("/ficus/position");
        assertThat(response.status()).isEqualTo(200);
        return response.json();
    }

    @Test
    void reportsTheNewestFenceRowOnceItsChangeIsInKafka() throws Exception {
        Instant first = Instant.parse("2026-12-01T10:00:00.123456Z");
        Instant second = Instant.parse("2026-12-01T10:00:01Z");
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
            sql("insert into ficus_cdc.heartbeat (id, beat_at) values (2, '" + first + "') "
                    + "on conflict (id) do update set beat_at = excluded.beat_at");
            return true;
        });
        await().atMost(Duration.ofSeconds(60)).until(() -> position().path("heartbeats").has("2"));
        JsonNode fence = position().path("heartbeats").path("2");
        assertThat(Instant.parse(fence.path("value").asString())).isEqualTo(first);
        assertThat(fence.path("lsn").asLong()).isPositive();
        assertThat(fence.path("txId").asLong()).isPositive();

        sql("update ficus_cdc.heartbeat set beat_at = '" + second + "' where id = 2");
        await().atMost(Duration.ofSeconds(30)).until(() ->
                Instant.parse(position().path("heartbeats").path("2").path("value").asString()).equals(second));
        assertThat(position().path("heartbeats").path("2").path("lsn").asLong()).isGreaterThan(fence.path("lsn").asLong());
    }
}
