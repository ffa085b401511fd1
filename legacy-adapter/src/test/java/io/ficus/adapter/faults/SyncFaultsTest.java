package io.ficus.adapter.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ficus.adapter.AdapterIntegrationTest;
import io.ficus.contracts.ChangeKind;
import io.ficus.contracts.CoreEvent;
import io.ficus.contracts.EntityType;
import io.ficus.contracts.TicketState;
import io.ficus.contracts.Topics;
import io.ficus.testkit.TestInfra;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Transient failures wait and pass; records that can never apply are set aside, listed and replayed. */
class SyncFaultsTest extends AdapterIntegrationTest {

    @Autowired
    KafkaTemplate<String, String> kafka;
    @Autowired
    JsonMapper json;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MeterRegistry meters;
    @Autowired
    ConsumerRetries retries;

    final Topics topics = new Topics(prefix);
    final HttpClient http = HttpClient.newHttpClient();

    /** A ticket row change as cdc-bridge publishes it. */
    static String ticketRow(UUID id, String title) {
        return """
            {"before":null,
             "after":{"tkt_id":"%s","prj_id":"%s","phs_id":"%s","tkt_title":"%s","tkt_desc":null,
                      "tkt_due_ts":null,"tkt_assignees":null,"tkt_crt_ts":1764576000123456,
                      "tkt_upd_ts":1764576000123456,"tkt_del_flg":"N"},
             "source":{"version":"3.6.3.Final","connector":"postgresql","name":"legacy","ts_ms":1764576000200,
                       "snapshot":"false","db":"legacy","schema":"public","table":"tkt_ticket","txId":%d,"lsn":7000000},
             "op":"c","ts_ms":1764576000300}
            """.formatted(id, UUID.randomUUID(), UUID.randomUUID(), title, 900_000 + (id.hashCode() & 0xffff));
    }

    HttpResponse<String> call(String method, String path, String[] user) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (user[0] + ":" + user[1]).getBytes(StandardCharsets.UTF_8)))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    List<String> keysOf(String topic, String wantedKey) {
        List<String> keys = new ArrayList<>();
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfra.kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, TestInfra.uniqueName("faults"),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(100)).forEach(r -> keys.add(r.key()));
                return keys.contains(wantedKey);
            });
        }
        return keys;
    }

    JsonNode deadLetterOf(String sourceTopic, String key) throws Exception {
        var found = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            var answer = call("GET", "/ficus/api/dead-letters", VIEWER);
            assertThat(answer.statusCode()).isEqualTo(200);
            for (JsonNode letter : json.readTree(answer.body()).path("deadLetters")) {
                if (sourceTopic.equals(letter.path("sourceTopic").asString()) && key.equals(letter.path("key").asString())) {
                    found[0] = letter;
                }
            }
            return found[0] != null;
        });
        return found[0];
    }

    double deadLetters(String topic) {
        var counter = meters.find("ficus.adapter.dead.letters").tag("topic", topic).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void aRowThatCanNeverBeTranslatedIsSetAsideWithItsCoordinatesAndTheRowsAfterItFlow() throws Exception {
        String source = topics.legacyCdc("tkt_ticket");
        UUID poison = UUID.randomUUID();
        UUID after = UUID.randomUUID();
        // A row without its primary key can never be translated.
        String unreadable = ticketRow(poison, "no id").replace("\"tkt_id\":\"" + poison + "\"", "\"tkt_id\":null");
        long poisonOffset = kafka.send(source, poison.toString(), unreadable).get().getRecordMetadata().offset();
        kafka.send(source, after.toString(), ticketRow(after, "after the poison")).get();

        assertThat(keysOf(topics.legacyChanges(), after.toString())).doesNotContain(poison.toString());
        JsonNode letter = deadLetterOf(source, poison.toString());
        assertThat(letter.path("sourcePartition").asInt()).isZero();
        assertThat(letter.path("sourceOffset").asLong()).isEqualTo(poisonOffset);
        assertThat(letter.path("error").asString()).contains("UntranslatableRowException").contains("has no tkt_id");
        assertThat(letter.path("application").asString()).isEqualTo("legacy-adapter");
        assertThat(letter.path("firstFailure").asString()).isNotBlank();
        assertThat(letter.has("value")).isFalse();
        assertThat(deadLetters(source)).isGreaterThanOrEqualTo(1);
        assertThat(retries.waiting()).doesNotContainKey(new org.apache.kafka.common.TopicPartition(source, 0));
    }

    @Test
    void anOperatorReplaysADeadLetterToItsSourceTopicAndAViewerMayNot() throws Exception {
        String source = topics.coreEvents();
        UUID id = UUID.randomUUID();
        kafka.send(source, id.toString(), "{\"this is\": not a core event").get();
        JsonNode letter = deadLetterOf(source, id.toString());
        String path = "/ficus/api/dead-letters/" + letter.path("id").asString() + "/replay";

        assertThat(call("POST", path, VIEWER).statusCode()).isEqualTo(403);
        assertThat(call("POST", "/ficus/api/dead-letters/0-999999999/replay", OPERATOR).statusCode()).isEqualTo(404);
        assertThat(call("POST", "/ficus/api/dead-letters/not-an-id/replay", OPERATOR).statusCode()).isEqualTo(400);
        assertThat(call("GET", "/ficus/api/dead-letters?limit=0", VIEWER).statusCode()).isEqualTo(400);

        var replayed = call("POST", path, OPERATOR);
        assertThat(replayed.statusCode()).isEqualTo(202);
        JsonNode where = json.readTree(replayed.body());
        assertThat(where.path("topic").asString()).isEqualTo(source);
        assertThat(where.path("offset").asLong()).isGreaterThan(letter.path("sourceOffset").asLong());
        // Still poison: it is read again and set aside a second time.
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            var answer = json.readTree(call("GET", "/ficus/api/dead-letters", VIEWER).body());
            long copies = 0;
            for (JsonNode l : answer.path("deadLetters")) {
                if (id.toString().equals(l.path("key").asString())) {
                    copies++;
                }
            }
            return copies == 2;
        });
    }

    @Test
    void aCoreEventWaitsWhileTheLegacyDatabaseRefusesItAndIsWrittenOnceItAcceptsIt() throws Exception {
        UUID id = UUID.randomUUID();
        String marker = "refused-" + id;
        jdbc.sql("""
                create or replace function public.ficus_test_refuse() returns trigger language plpgsql as $$
                begin
                  if new.tkt_title like 'refused-%' then
                    raise exception 'could not serialize access' using errcode = '40001';
                  end if;
                  return new;
                end $$""").update();
        jdbc.sql("create trigger ficus_test_refuse before insert or update on public.tkt_ticket "
                + "for each row execute function public.ficus_test_refuse()").update();
        try {
            var event = new CoreEvent(UUID.randomUUID(), EntityType.TICKET, id, 1, ChangeKind.UPSERTED, Instant.now(), "req",
                    new TicketState(id, UUID.randomUUID(), UUID.randomUUID(), marker, null, null,
                            LocalDateTime.of(2026, 5, 6, 7, 8, 9), List.of()));
            kafka.send(topics.coreEvents(), id.toString(), json.writeValueAsString(event)).get();

            await().atMost(Duration.ofSeconds(60)).until(() -> call("GET", "/actuator/health", VIEWER).statusCode() == 503);
            assertThat(meters.get("ficus.adapter.retrying").gauge().value()).isGreaterThanOrEqualTo(1);
            assertThat(meters.get("ficus.adapter.retry.attempts").tag("topic", topics.coreEvents()).counter().count())
                    .isGreaterThanOrEqualTo(2);
            assertThat(retries.health().getDetails().toString()).contains("40001");
            // Status only: no partition, error or other detail for a caller without credentials.
            assertThat(http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health")).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).contains("OUT_OF_SERVICE").doesNotContain("40001", "partitions");
        } finally {
            jdbc.sql("drop trigger ficus_test_refuse on public.tkt_ticket").update();
        }
        await().atMost(Duration.ofSeconds(60)).until(() ->
                jdbc.sql("select count(*) from public.tkt_ticket where tkt_id = ?").param(id.toString()).query(Long.class).single() == 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> call("GET", "/actuator/health", VIEWER).statusCode() == 200);
        assertThat(meters.get("ficus.adapter.retrying").gauge().value()).isZero();
        var listed = json.readTree(call("GET", "/ficus/api/dead-letters", VIEWER).body()).path("deadLetters");
        listed.forEach(letter -> assertThat(letter.path("key").asString()).isNotEqualTo(id.toString()));
    }
}
