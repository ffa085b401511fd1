package io.ficus.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ficus.sandbox.App;
import io.ficus.sandbox.Stack;
import java.sql.DriverManager;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Repair takes each drifted entity's state from the side the gateway routes its type's writes
 * to: with the tickets group flipped to NEW, a ticket that differs is written from the core
 * into the legacy (with the gateway's default, LEGACY, the legacy's state would win).
 */
class RepairIT {

    @Test
    void repairFollowsTheGatewaysRoutingOfTheDriftedType() throws Exception {
        Stack stack = RunningStack.get();
        var gateway = Http.admin(stack.config().url(App.GATEWAY), stack.config().adminUser(), stack.config().adminPassword());
        var legacyDb = stack.config().legacyDb();
        var coreDb = stack.config().coreDb();
        String id = UUID.randomUUID().toString();
        try (var legacy = DriverManager.getConnection(legacyDb.jdbcUrl(), legacyDb.username(), legacyDb.password());
             var insert = legacy.prepareStatement("insert into tkt_ticket (tkt_id, prj_id, tkt_title, tkt_crt_ts, tkt_upd_ts, tkt_del_flg)"
                     + " values (?, ?, 'written in the legacy', ?, ?, 'N')")) {
            var now = Timestamp.valueOf(LocalDateTime.now());
            insert.setString(1, id);
            insert.setString(2, UUID.randomUUID().toString());
            insert.setTimestamp(3, now);
            insert.setTimestamp(4, now);
            insert.executeUpdate();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> Sql.count(coreDb, "select count(*) from tickets_ticket where id = ?::uuid", id) == 1);

        var flipped = gateway.put("/ficus/api/groups/tickets/mode", Map.of("mode", "NEW", "reason", "RepairIT: the core owns tickets"));
        assertThat(flipped.status()).as(flipped.body()).isEqualTo(200);
        try {
            try (var core = DriverManager.getConnection(coreDb.jdbcUrl(), coreDb.username(), coreDb.password());
                 var update = core.prepareStatement("update tickets_ticket set title = 'the core''s title' where id = ?::uuid")) {
                update.setString(1, id);
                assertThat(update.executeUpdate()).isEqualTo(1);
            }

            JsonNode job = ConvergenceIT.reconcile(stack, "mode=full&repair=true", Duration.ofSeconds(120));

            assertThat(job.path("state").asString()).as(job.toString()).isEqualTo("DONE");
            assertThat(job.path("report").path("types").path("TICKET").path("repaired").asLong()).isGreaterThanOrEqualTo(1);
            assertThat(Sql.count(legacyDb, "select count(*) from tkt_ticket where tkt_id = ? and tkt_title = 'the core''s title'", id))
                    .as("the core's state was written into the legacy").isEqualTo(1);
        } finally {
            var restored = gateway.put("/ficus/api/groups/tickets/mode", Map.of("mode", "LEGACY", "reason", "RepairIT: back to the legacy"));
            assertThat(restored.status()).as(restored.body()).isEqualTo(200);
        }
    }
}
