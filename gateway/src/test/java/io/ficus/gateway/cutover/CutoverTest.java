package io.ficus.gateway.cutover;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.ficus.gateway.GatewayProperties;
import io.ficus.gateway.catalog.Mode;
import io.ficus.gateway.catalog.Toggle;
import io.ficus.testkit.Database;
import io.ficus.testkit.TestInfra;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The handover protocol between two gateway instances on one real PostgreSQL database, without Spring or HTTP on the
 * gateway side: the coordinator, both replica agents and their write gates; WireMock plays legacy-adapter's fence.
 */
class CutoverTest {

    private static final Toggle NEW = new Toggle(Mode.NEW, 0);
    private static final String FENCE = "/ficus/api/sync/fence";

    private static Database database;
    private static JdbcTemplate admin;
    private static WireMockServer adapter;
    private static GatewayProperties properties;

    private Replicas.Replica a;
    private Replicas.Replica b;

    @BeforeAll
    static void database() {
        database = TestInfra.newDatabase("cutover");
        Replicas.migrate(database);
        admin = new JdbcTemplate(Replicas.dataSource(database, database.username(), database.password()));
        adapter = new WireMockServer(options().dynamicPort());
        adapter.start();
        properties = Replicas.properties(Map.of(
                "ficus.gateway.handover.poll-interval", "25ms",
                "ficus.gateway.handover.lease", "1s",
                "ficus.gateway.handover.drain-timeout", "3s",
                "ficus.gateway.handover.fence-timeout", "3s",
                "ficus.gateway.handover.hold-timeout", "20s",
                "ficus.gateway.handover.fence-url", adapter.baseUrl(),
                "ficus.gateway.handover.fence-username", "operator",
                "ficus.gateway.handover.fence-password", "fence-secret"));
    }

    @AfterAll
    static void stopAdapter() {
        adapter.stop();
    }

    @BeforeEach
    void twoReplicas() {
        adapter.resetAll();
        admin.update("update route_toggle set mode = 'LEGACY', percent = 0, shadow_reads = false");
        admin.update("update handover set state = 'ABORTED' where state in ('DRAINING', 'SWITCHED')");
        admin.update("delete from gateway_replica");
        a = replica(database.username(), database.password());
        b = replica(database.username(), database.password());
        await().until(() -> a.gate.leaseValid() && b.gate.leaseValid());
    }

    private static Replicas.Replica replica(String username, String password) {
        return new Replicas.Replica(Replicas.dataSource(database, username, password), properties);
    }

    @AfterEach
    void stopReplicas() {
        a.close();
        b.close();
    }

    private void fenceAnswers(int status, int delayMillis) {
        adapter.stubFor(post(FENCE).willReturn(aResponse().withStatus(status).withFixedDelay(delayMillis)
                .withHeader("Content-Type", "application/json")
                .withBody(status == 200 ? "{\"direction\":\"LEGACY_TO_CORE\",\"waitedMillis\":42,\"stages\":[]}"
                        : "{\"status\":" + status + ",\"message\":\"core is 812 changes behind\"}")));
    }

    private static Cutover.HandoverRefusedException refusal(CompletableFuture<?> flip) {
        Throwable failure = flip.handle((result, e) -> e).join();
        Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
        assertThat(cause).isInstanceOf(Cutover.HandoverRefusedException.class);
        return (Cutover.HandoverRefusedException) cause;
    }

    private String state(long handover) {
        return admin.queryForObject("select state from handover where id = ?", String.class, handover);
    }

    private long lastHandover() {
        return admin.queryForObject("select max(id) from handover", Long.class);
    }

    private static Mode dbMode(String route) {
        return Mode.valueOf(admin.queryForObject("select mode from route_toggle where route_id = ?", String.class, route));
    }

    @Test
    void movesAGroupsWritesOnlyAfterEveryReplicaHeldAndDrainedThemAndTheSyncCaughtUp() {
        fenceAnswers(200, 0);
        WriteGate.Permit inFlightOnB = b.gate.admit("tickets").block(Duration.ofSeconds(5));

        CompletableFuture<Cutover.Flip> flip = CompletableFuture.supplyAsync(
                () -> a.cutover.flipGroup("tickets", NEW, "alice", "the core owns tickets"));

        await().until(() -> a.gate.held("tickets") && b.gate.held("tickets"));
        CompletableFuture<WriteGate.Permit> heldOnA = a.gate.admit("tickets").toFuture();
        WriteGate.Permit readerGroupOnA = a.gate.admit("sessions").block(Duration.ofSeconds(5));
        await().during(Duration.ofMillis(300)).until(() -> !flip.isDone() && !heldOnA.isDone());
        adapter.verify(0, postRequestedFor(urlEqualTo(FENCE)));
        assertThat(dbMode("tickets-update")).isEqualTo(Mode.LEGACY);

        inFlightOnB.release();

        Cutover.Flip done = flip.join();
        assertThat(done.handover()).isNotNull();
        assertThat(done.stages()).containsOnlyKeys(Cutover.Stage.values());
        assertThat(done.pause()).isPositive();
        assertThat(done.toggles()).containsEntry("tickets-update", NEW).containsEntry("tickets-get", NEW);
        assertThat(state(done.handover())).isEqualTo("DONE");
        assertThat(b.toggles.snapshot().of("tickets-create")).isEqualTo(NEW);
        assertThat(a.toggles.snapshot().of("tickets-create")).isEqualTo(NEW);
        adapter.verify(1, postRequestedFor(urlEqualTo(FENCE))
                .withHeader("Authorization", equalTo("Basic " + Base64.getEncoder().encodeToString("operator:fence-secret".getBytes())))
                .withRequestBody(equalToJson("{\"direction\":\"LEGACY_TO_CORE\",\"timeout\":\"PT3S\"}")));
        assertThat(heldOnA).succeedsWithin(Duration.ofSeconds(5));
        assertThat(heldOnA.join().waited()).isTrue();
        assertThat(readerGroupOnA).isNotNull();
        assertThat(a.meters.get("ficus.gateway.handover.pause").tag("group", "tickets").tag("outcome", "done").timer().count())
                .isEqualTo(1);
        assertThat(admin.queryForObject("select count(*) from toggle_audit where reason = 'the core owns tickets'",
                Integer.class)).isEqualTo(3);
    }

    @Test
    void rollsBackTheSameWayWithTheFenceInTheOtherDirection() {
        fenceAnswers(200, 0);
        a.cutover.flipGroup("tickets", NEW, "alice", "forward");

        Cutover.Flip back = b.cutover.flipGroup("tickets", Toggle.LEGACY, "bob", "roll back");

        assertThat(state(back.handover())).isEqualTo("DONE");
        assertThat(a.toggles.snapshot().of("tickets-update")).isEqualTo(Toggle.LEGACY);
        adapter.verify(1, postRequestedFor(urlEqualTo(FENCE)).withRequestBody(equalToJson("{\"direction\":\"CORE_TO_LEGACY\",\"timeout\":\"PT3S\"}")));
        assertThat(admin.queryForObject("select coordinator from handover where id = ?", String.class, back.handover()))
                .isEqualTo(b.agent.replicaId());
    }

    @Test
    void refusesAFlipWhoseSyncFenceTimesOutAndChangesNothingAnywhere() {
        // The fence takes a while to give up, as a real one does: long enough to see B's gate held before the abort.
        fenceAnswers(504, 1_500);
        CompletableFuture<WriteGate.Permit> heldOnB = new CompletableFuture<>();
        AtomicBoolean admittedDuringHandover = new AtomicBoolean();

        CompletableFuture<Cutover.Flip> flip = CompletableFuture.supplyAsync(
                () -> a.cutover.flipGroup("tickets", NEW, "alice", "too early"));
        await().until(() -> b.gate.held("tickets"));
        b.gate.admit("tickets").doOnNext(p -> admittedDuringHandover.set(b.toggles.snapshot().of("tickets-update").mode() != Mode.LEGACY))
                .subscribe(heldOnB::complete, heldOnB::completeExceptionally);

        Cutover.HandoverRefusedException refused = refusal(flip);

        assertThat(refused.stage()).isEqualTo(Cutover.Stage.FENCE);
        assertThat(refused.status()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(refused.getMessage()).contains("504").contains("812 changes behind").contains("toggles unchanged");
        assertThat(state(lastHandover())).isEqualTo("ABORTED");
        assertThat(dbMode("tickets-update")).isEqualTo(Mode.LEGACY);
        assertThat(a.toggles.snapshot().of("tickets-update")).isEqualTo(Toggle.LEGACY);
        assertThat(b.toggles.snapshot().of("tickets-update")).isEqualTo(Toggle.LEGACY);
        assertThat(heldOnB).succeedsWithin(Duration.ofSeconds(5));
        assertThat(admittedDuringHandover).isFalse();
        assertThat(admin.queryForObject("select count(*) from toggle_audit where reason = 'too early'", Integer.class)).isZero();
    }

    @Test
    void refusesAFlipWhenAReplicaStillHasAWriteInFlightAfterTheDrainTimeout() {
        WriteGate.Permit stuck = b.gate.admit("tickets").block(Duration.ofSeconds(5));

        Cutover.HandoverRefusedException refused = catchThrowableOfType(Cutover.HandoverRefusedException.class,
                () -> a.cutover.flipGroup("tickets", NEW, "alice", "while b writes"));

        assertThat(refused.stage()).isEqualTo(Cutover.Stage.DRAIN);
        assertThat(refused.getMessage()).contains(b.agent.replicaId()).contains("DRAINED");
        assertThat(dbMode("tickets-update")).isEqualTo(Mode.LEGACY);
        await().until(() -> !a.gate.held("tickets") && !b.gate.held("tickets"));
        adapter.verify(0, postRequestedFor(urlEqualTo(FENCE)));
        stuck.release();
    }

    @Test
    void switchesTheTogglesBackWhenALiveReplicaDoesNotRunTheNewRoutingInTime() {
        fenceAnswers(200, 0);
        AtomicBoolean running = new AtomicBoolean(true);
        // a replica that heartbeats and drains but never reloads its toggles
        Thread laggard = new Thread(() -> {
            while (running.get()) {
                admin.update("insert into gateway_replica (id, started_at, seen_at) values ('laggard', now(), now())"
                        + " on conflict (id) do update set seen_at = now()");
                admin.update("insert into handover_ack (handover_id, replica_id, state) select id, 'laggard', 'DRAINED'"
                        + " from handover where state = 'DRAINING' on conflict do nothing");
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        long auditedBefore = admin.queryForObject("select coalesce(max(id), 0) from toggle_audit", Long.class);
        laggard.start();
        try {
            Cutover.HandoverRefusedException refused = catchThrowableOfType(Cutover.HandoverRefusedException.class,
                    () -> a.cutover.flipGroup("tickets", NEW, "alice", "with a laggard"));

            assertThat(refused.stage()).isEqualTo(Cutover.Stage.RELEASE);
            assertThat(refused.getMessage()).contains("laggard");
            assertThat(state(lastHandover())).isEqualTo("ABORTED");
            assertThat(dbMode("tickets-update")).isEqualTo(Mode.LEGACY);
            await().until(() -> !b.gate.held("tickets")
                    && b.toggles.snapshot().of("tickets-update").equals(Toggle.LEGACY));
            assertThat(admin.queryForList("select to_mode from toggle_audit where route_id = 'tickets-update' and id > ?"
                    + " order by id", String.class, auditedBefore)).containsExactly("NEW", "LEGACY");
        } finally {
            running.set(false);
            admin.update("delete from gateway_replica where id = 'laggard'");
        }
    }

    @Test
    void keepsPlainFlipsPlainWithoutHoldingWrites() {
        long handoversBefore = admin.queryForObject("select count(*) from handover", Long.class);

        Cutover.Flip shadow = a.cutover.flipGroup("tickets", new Toggle(Mode.SHADOW, 0), "alice", "compare");
        Cutover.Flip canary = a.cutover.flipGroup("sessions", new Toggle(Mode.CANARY, 10), "alice", "login canary");

        assertThat(shadow.handover()).isNull();
        assertThat(canary.handover()).isNull();
        assertThat(admin.queryForObject("select count(*) from handover", Long.class)).isEqualTo(handoversBefore);
        assertThat(a.toggles.snapshot().of("tickets-update").mode()).isEqualTo(Mode.SHADOW);
    }

    @Test
    void refusesASecondHandoverOfAGroupWhileOneRuns() {
        admin.update("insert into handover (group_name, from_owner, to_owner, state, expires_at, coordinator, actor, reason)"
                + " values ('tickets', 'legacy', 'core', 'DRAINING', now() + interval '1 minute', 'elsewhere', 'bob', 'first')");
        try {
            Cutover.HandoverRefusedException refused = catchThrowableOfType(Cutover.HandoverRefusedException.class,
                    () -> a.cutover.flipGroup("tickets", NEW, "alice", "second"));

            assertThat(refused.status()).isEqualTo(HttpStatus.CONFLICT);
            assertThat(refused.getMessage()).contains("being handed over already").contains("DRAINING");
        } finally {
            admin.update("update handover set state = 'ABORTED' where reason = 'first'");
        }
        await().until(() -> !a.gate.held("tickets") && !b.gate.held("tickets"));
    }

    @Test
    void endsAHandoverWhoseCoordinatorWentAwayOnceItPassesItsBound() {
        Long draining = admin.queryForObject("insert into handover (group_name, from_owner, to_owner, state, expires_at,"
                + " coordinator, actor, reason) values ('tickets', 'legacy', 'core', 'DRAINING', now() + interval '1 second',"
                + " 'gone', 'bob', 'coordinator dies') returning id", Long.class);
        await().until(() -> a.gate.held("tickets") && b.gate.held("tickets"));

        await().atMost(Duration.ofSeconds(10)).until(() -> !a.gate.held("tickets") && !b.gate.held("tickets"));

        assertThat(state(draining)).isEqualTo("ABORTED");
        assertThat(admin.queryForObject("select detail from handover where id = ?", String.class, draining))
                .contains("past its bound");
        assertThat(a.toggles.snapshot().of("tickets-update")).isEqualTo(Toggle.LEGACY);
    }

    @Test
    void aReplicaThatLostItsDatabaseHoldsEveryWriteAndRoutesThemByFreshTogglesOnceBack() {
        fenceAnswers(200, 0);
        String role = TestInfra.uniqueName("replica");
        admin.execute("create role " + role + " login password 'replica-secret'");
        admin.execute("grant all on all tables in schema public to " + role);
        admin.execute("grant all on all sequences in schema public to " + role);
        Replicas.Replica c = replica(role, "replica-secret");
        try {
            await().until(() -> c.gate.leaseValid());
            c.gate.admit("tickets").block(Duration.ofSeconds(5)).release();

            admin.execute("alter role " + role + " nologin");
            admin.queryForList("select pg_terminate_backend(pid) from pg_stat_activity where usename = ?", Boolean.class, role);

            await().atMost(Duration.ofSeconds(5)).until(() -> !c.gate.leaseValid());
            List<Mode> routedBy = new java.util.concurrent.CopyOnWriteArrayList<>();
            CompletableFuture<WriteGate.Permit> held = c.gate.admit("tickets")
                    .doOnNext(p -> routedBy.add(c.toggles.snapshot().of("tickets-update").mode())).toFuture();
            // once c no longer counts as live, the others flip without it
            await().atMost(Duration.ofSeconds(10)).until(() -> admin.queryForObject(
                    "select count(*) from gateway_replica where id = ? and seen_at > now() - ?::interval", Integer.class,
                    c.agent.replicaId(), properties.handover().liveness().toMillis() + " milliseconds") == 0);
            a.cutover.flipGroup("tickets", NEW, "alice", "while c is cut off");
            await().during(Duration.ofMillis(300)).until(() -> !held.isDone());
            assertThat(c.toggles.snapshot().of("tickets-update")).isEqualTo(Toggle.LEGACY);

            admin.execute("alter role " + role + " login");

            assertThat(held).succeedsWithin(Duration.ofSeconds(10));
            assertThat(routedBy).containsExactly(Mode.NEW);
        } finally {
            c.close();
            admin.execute("alter role " + role + " login");
        }
    }
}
