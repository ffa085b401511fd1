package io.ficus.adapter.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ficus.adapter.AdapterIntegrationTest;
import io.ficus.adapter.reconcile.ReconciliationReport.Mode;
import io.ficus.contracts.EntityType;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class ReconcilerTest extends AdapterIntegrationTest {

    static final LocalDateTime CREATED = LocalDateTime.of(2026, 1, 2, 3, 4, 5);

    @Autowired
    Reconciler reconciler;
    @Autowired
    JdbcClient legacyDb;

    final JdbcClient coreDb = JdbcClient.create(new org.springframework.jdbc.datasource.DriverManagerDataSource(
            core.jdbcUrl(), core.username(), core.password()));

    void legacyTicket(UUID id, UUID project, String title, String assignees, String deleted) {
        legacyDb.sql("""
                insert into public.tkt_ticket (tkt_id, prj_id, phs_id, tkt_title, tkt_assignees, tkt_crt_ts, tkt_upd_ts, tkt_del_flg)
                values (?, ?, null, ?, ?, ?, ?, ?)""")
                .params(id.toString(), project.toString(), title, assignees, Timestamp.valueOf(CREATED),
                        Timestamp.valueOf(LocalDateTime.now()), deleted).update();
    }

    void coreTicket(UUID id, UUID project, String title, List<UUID> assignees) {
        coreDb.sql("insert into tickets_ticket (id, project_id, phase_id, title, description, due_time, created_at, version) values (?, ?, null, ?, null, null, ?, 1)")
                .params(id, project, title, CREATED).update();
        for (int i = 0; i < assignees.size(); i++) {
            coreDb.sql("insert into tickets_assignee (ticket_id, user_id, position) values (?, ?, ?)").params(id, assignees.get(i), i).update();
        }
    }

    @org.junit.jupiter.api.BeforeEach
    void startFromEmptyTicketTables() {
        legacyDb.sql("truncate public.tkt_ticket").update();
        coreDb.sql("truncate tickets_ticket, tickets_assignee").update();
    }

    @Test
    void findsEveryKindOfDriftThenRepairsItFromTheOwningSide() {
        UUID project = UUID.randomUUID();
        UUID alice = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        UUID same = UUID.randomUUID();
        UUID legacyOnly = UUID.randomUUID();
        UUID coreOnly = UUID.randomUUID();
        UUID renamed = UUID.randomUUID();
        UUID softDeleted = UUID.randomUUID();
        legacyTicket(same, project, "same", alice + ";" + bob, "N");
        coreTicket(same, project, "same", List.of(alice, bob));
        legacyTicket(legacyOnly, project, "legacy only", null, "N");
        coreTicket(coreOnly, project, "core only", List.of());
        legacyTicket(renamed, project, "old title", null, "N");
        coreTicket(renamed, project, "new title", List.of());
        legacyTicket(softDeleted, project, "gone", null, "Y");

        var report = reconciler.run(Mode.FULL, null, false);

        TypeReport tickets = report.types().get(EntityType.TICKET);
        assertThat(tickets.compared()).isEqualTo(4);
        assertThat(tickets.missingInCore()).isEqualTo(1);
        assertThat(tickets.missingInLegacy()).isEqualTo(1);
        assertThat(tickets.different()).isEqualTo(1);
        assertThat(tickets.examples()).contains(
                new Drift(EntityType.TICKET, legacyOnly, Drift.Kind.MISSING_IN_CORE, List.of()),
                new Drift(EntityType.TICKET, coreOnly, Drift.Kind.MISSING_IN_LEGACY, List.of()),
                new Drift(EntityType.TICKET, renamed, Drift.Kind.DIFFERENT, List.of("title")));

        var incremental = reconciler.run(Mode.INCREMENTAL, Instant.now().minus(1, ChronoUnit.HOURS), false);
        assertThat(incremental.types().get(EntityType.TICKET).drift()).isEqualTo(3);
        assertThat(reconciler.run(Mode.INCREMENTAL, Instant.now().plus(1, ChronoUnit.HOURS), false)
                .types().get(EntityType.TICKET).different()).as("no legacy change after the point").isZero();

        // Tickets are owned by the core in this test: repair writes the core's state into the legacy.
        var repaired = reconciler.run(Mode.FULL, null, true);
        assertThat(repaired.types().get(EntityType.TICKET).repaired()).isEqualTo(3);
        assertThat(legacyDb.sql("select tkt_del_flg from public.tkt_ticket where tkt_id = ?").param(legacyOnly.toString())
                .query(String.class).single()).isEqualTo("Y");
        assertThat(legacyDb.sql("select tkt_title from public.tkt_ticket where tkt_id = ?").param(renamed.toString())
                .query(String.class).single()).isEqualTo("new title");

        assertThat(reconciler.run(Mode.FULL, null, false).types().get(EntityType.TICKET).drift()).isZero();
        assertThat(meters.get("ficus.adapter.reconciliation.drift").tag("type", "TICKET").gauge().value()).isZero();
    }

    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    @Test
    void driftThatArrivesBeforeTheRepairIsLeftAloneAndOnlyPersistingDriftIsRepaired() throws Exception {
        UUID project = UUID.randomUUID(), inFlight = UUID.randomUUID(), stuck = UUID.randomUUID();
        legacyTicket(inFlight, project, "old title", null, "N");
        coreTicket(inFlight, project, "new title", List.of());
        legacyTicket(stuck, project, "old title", null, "N");
        coreTicket(stuck, project, "new title", List.of());
        var run = java.util.concurrent.CompletableFuture.supplyAsync(() -> reconciler.run(Mode.FULL, null, true));

        // The comparison found both; while the repair waits for in-flight changes, one of them arrives.
        org.awaitility.Awaitility.await().until(() -> reconciler.progress().startsWith("letting in-flight changes settle"));
        legacyDb.sql("update public.tkt_ticket set tkt_title = 'new title' where tkt_id = ?").param(inFlight.toString()).update();

        TypeReport tickets = run.get(60, java.util.concurrent.TimeUnit.SECONDS).types().get(EntityType.TICKET);
        assertThat(tickets.different()).isEqualTo(2);
        assertThat(tickets.settled()).isEqualTo(1);
        assertThat(tickets.repaired()).isEqualTo(1);
        assertThat(reconciler.run(Mode.FULL, null, false).types().get(EntityType.TICKET).drift()).isZero();
    }

    @Test
    void anIncrementalRunSeesAChangeOnlyTheCoreMadeSinceThePoint() {
        UUID project = UUID.randomUUID(), ticket = UUID.randomUUID();
        legacyTicket(ticket, project, "same", null, "N");
        coreTicket(ticket, project, "same", List.of());
        legacyDb.sql("update public.tkt_ticket set tkt_upd_ts = tkt_upd_ts - interval '2 hours'").update();
        coreDb.sql("update tickets_ticket set changed_at = changed_at - interval '2 hours'").update();
        Instant anHourAgo = Instant.now().minus(1, ChronoUnit.HOURS);
        assertThat(reconciler.run(Mode.INCREMENTAL, anHourAgo, false).types().get(EntityType.TICKET).compared())
                .as("nothing changed since the point").isZero();

        // A core change that never reached the legacy: the legacy row is older than the point.
        coreDb.sql("update tickets_ticket set title = 'changed in the core', version = 2, changed_at = now() where id = ?")
                .param(ticket).update();

        TypeReport tickets = reconciler.run(Mode.INCREMENTAL, anHourAgo, false).types().get(EntityType.TICKET);
        assertThat(tickets.compared()).isEqualTo(1);
        assertThat(tickets.examples()).containsExactly(new Drift(EntityType.TICKET, ticket, Drift.Kind.DIFFERENT, List.of("title")));
    }

    @Test
    void aFullRunComparesEveryIdOnceAcrossItsRangesAndListsDriftInIdOrder() {
        UUID project = UUID.randomUUID();
        UUID alice = UUID.randomUUID();
        // the ends of the id space and both sides of the bound between two ranges (80000000-...)
        List<UUID> legacyOnly = List.of(UUID.fromString("00000000-0000-0000-0000-000000000000"),
                UUID.fromString("7fffffff-ffff-ffff-ffff-ffffffffffff"), UUID.fromString("80000000-0000-0000-0000-000000000000"),
                UUID.fromString("ffffffff-ffff-ffff-ffff-ffffffffffff"));
        for (UUID id : legacyOnly) {
            legacyTicket(id, project, "legacy only", null, "N");
        }
        // the same ticket on both sides, its legacy id in upper case (the legacy's ids are text): no drift
        UUID upper = UUID.fromString("8abcdef0-1234-4321-abcd-0123456789ab");
        legacyDb.sql("""
                insert into public.tkt_ticket (tkt_id, prj_id, phs_id, tkt_title, tkt_assignees, tkt_crt_ts, tkt_upd_ts, tkt_del_flg)
                values (?, ?, null, 'same', ?, ?, ?, 'N')""")
                .params(upper.toString().toUpperCase(java.util.Locale.ROOT), project.toString(), alice.toString(),
                        Timestamp.valueOf(CREATED), Timestamp.valueOf(LocalDateTime.now())).update();
        coreTicket(upper, project, "same", List.of(alice));
        UUID coreOnly = UUID.fromString("3fffffff-0000-0000-0000-000000000000");
        coreTicket(coreOnly, project, "core only", List.of());

        var tickets = reconciler.run(Mode.FULL, null, false).types().get(EntityType.TICKET);

        assertThat(tickets.compared()).isEqualTo(6);
        assertThat(tickets.missingInCore()).isEqualTo(4);
        assertThat(tickets.missingInLegacy()).isEqualTo(1);
        assertThat(tickets.different()).isZero();
        assertThat(tickets.examples()).extracting(Drift::id).containsExactly(legacyOnly.get(0), coreOnly, legacyOnly.get(1),
                legacyOnly.get(2), legacyOnly.get(3));
    }

    @Test
    void idRangesCoverEveryIdWithoutOverlap() {
        assertThat(IdRange.split(1)).containsExactly(new IdRange(null, null));
        assertThat(IdRange.split(2)).containsExactly(new IdRange(null, "80000000-0000-0000-0000-000000000000"),
                new IdRange("80000000-0000-0000-0000-000000000000", null));
        List<IdRange> many = IdRange.split(1000);
        assertThat(many).hasSize(256);
        for (int i = 1; i < many.size(); i++) {
            assertThat(many.get(i).from()).isEqualTo(many.get(i - 1).to()).isGreaterThan(many.get(i - 1).from() == null ? ""
                    : many.get(i - 1).from());
        }
    }

    @Test
    void publishesTheDriftOfTheLastRunAsAGauge() {
        legacyTicket(UUID.randomUUID(), UUID.randomUUID(), "only in the legacy", null, "N");
        reconciler.run(Mode.FULL, null, false);
        assertThat(meters.get("ficus.adapter.reconciliation.drift").tag("type", "TICKET").gauge().value()).isEqualTo(1.0);
    }

    @Test
    void namesDifferingFieldsWithoutTheirValues() {
        var a = new io.ficus.contracts.UserState(UUID.randomUUID(), "Ada", "ada@example.com", "$2a$10$first", CREATED);
        var b = new io.ficus.contracts.UserState(a.id(), "Ada", "ada@example.com", "$2a$10$second", CREATED);
        assertThat(Reconciler.differingFields(a, b)).containsExactly("passwordHash");
    }

    @Test
    void refusesAnIncrementalRunWithoutAStartingPoint() {
        assertThatThrownBy(() -> reconciler.run(Mode.INCREMENTAL, null, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("since");
    }
}
