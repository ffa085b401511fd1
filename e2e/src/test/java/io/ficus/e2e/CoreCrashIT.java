package io.ficus.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ficus.sandbox.App;
import io.ficus.sandbox.Stack;
import io.ficus.testkit.Database;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The new core killed with {@code kill -9} while it applies a stream of legacy changes (a poll
 * per transaction): after its restart every change is in the core, each applied exactly once,
 * with the read models its modules keep of them.
 */
class CoreCrashIT {

    private static final Logger log = LoggerFactory.getLogger(CoreCrashIT.class);
    private static final int TICKETS = 3_000;
    private static final int RATE = 500;

    @Test
    void theCoreKilledWhileApplyingLegacyChangesLosesNoneAndAppliesNoneTwice() throws Exception {
        Stack stack = RunningStack.get();
        String project = UUID.randomUUID().toString();
        String phase = UUID.randomUUID().toString();
        var written = new AtomicInteger();
        var writer = CompletableFuture.runAsync(() -> writeTickets(stack.config().legacyDb(), project, phase, written));

        await().atMost(Duration.ofSeconds(60)).until(() -> Sql.count(stack.config().coreDb(),
                "select count(*) from tickets_ticket where project_id = ?::uuid", project) >= 300);
        long before = Sql.count(stack.config().coreDb(), "select count(*) from tickets_ticket where project_id = ?::uuid", project);
        stack.kill(App.NEW_CORE);
        log.info("Core killed with {} of the {} legacy writes so far applied", before, written.get());
        stack.launch(App.NEW_CORE);
        stack.awaitHealthy(App.NEW_CORE);
        writer.get(60, TimeUnit.SECONDS);

        await().atMost(Duration.ofSeconds(120)).until(() -> Sql.count(stack.config().coreDb(),
                "select count(*) from tickets_ticket where project_id = ?::uuid", project) == TICKETS);
        Database core = stack.config().coreDb();
        assertThat(Sql.count(core, "select count(*) from tickets_ticket where project_id = ?::uuid and version <> 1", project))
                .as("tickets applied more than once").isZero();
        assertThat(Sql.count(core, "select count(*) from phases_ticket where phase_id = ?::uuid", phase))
                .as("the phases module's read model of them").isEqualTo(TICKETS);
        assertThat(Sql.count(core, "select count(*) from event_publication where serialized_event like ?", "%" + project + "%"))
                .as("legacy changes leave nothing in the publication registry").isZero();
        log.info("All {} legacy writes applied once after the crash", TICKETS);
    }

    private static void writeTickets(Database legacyDb, String project, String phase, AtomicInteger written) {
        try (Connection legacy = DriverManager.getConnection(legacyDb.jdbcUrl(), legacyDb.username(), legacyDb.password());
             var insert = legacy.prepareStatement("insert into tkt_ticket (tkt_id, prj_id, phs_id, tkt_title, tkt_crt_ts, tkt_upd_ts,"
                     + " tkt_del_flg) values (?, ?, ?, ?, ?, ?, 'N')")) {
            long interval = TimeUnit.SECONDS.toNanos(1) / RATE;
            long start = System.nanoTime();
            for (int i = 0; i < TICKETS; i++) {
                LockSupport.parkNanos(start + i * interval - System.nanoTime());
                var now = Timestamp.valueOf(LocalDateTime.now());
                insert.setString(1, UUID.randomUUID().toString());
                insert.setString(2, project);
                insert.setString(3, phase);
                insert.setString(4, "crash " + i);
                insert.setTimestamp(5, now);
                insert.setTimestamp(6, now);
                insert.executeUpdate();
                written.incrementAndGet();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
