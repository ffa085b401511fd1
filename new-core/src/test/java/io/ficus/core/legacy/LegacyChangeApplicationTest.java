package io.ficus.core.legacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.ficus.contracts.ChangeKind;
import io.ficus.contracts.EntityState;
import io.ficus.contracts.EntityType;
import io.ficus.contracts.LegacyChange;
import io.ficus.contracts.MembershipRole;
import io.ficus.contracts.MembershipState;
import io.ficus.contracts.MembershipStatus;
import io.ficus.contracts.PhaseState;
import io.ficus.contracts.ProjectState;
import io.ficus.contracts.SourcePosition;
import io.ficus.contracts.TicketState;
import io.ficus.contracts.Topics;
import io.ficus.contracts.UserState;
import io.ficus.core.CoreTest;
import io.ficus.core.shared.FollowUps;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/** Legacy changes are applied idempotently, in source order, into every read model, and never echoed. */
@ExtendWith(OutputCaptureExtension.class)
class LegacyChangeApplicationTest extends CoreTest {

    static final AtomicLong lsn = new AtomicLong(1000);
    static final LocalDateTime T = LocalDateTime.of(2026, 1, 1, 0, 0, 0);

    @Autowired
    KafkaTemplate<String, String> kafka;
    @Autowired
    LegacyChangeApplier applier;

    static LegacyChange upsert(EntityState state, long position) {
        return new LegacyChange(UUID.randomUUID(), state.entityType(), state.id(), ChangeKind.UPSERTED,
                new SourcePosition(position, position, Instant.now(), false), state);
    }

    static LegacyChange deletion(EntityType type, UUID id, long position) {
        return new LegacyChange(UUID.randomUUID(), type, id, ChangeKind.DELETED, new SourcePosition(position, position, Instant.now(), false), null);
    }

    boolean apply(LegacyChange change) {
        return FollowUps.run(() -> applier.apply(change));
    }

    static TicketState ticket(UUID id, UUID project, UUID phase, String title) {
        return new TicketState(id, project, phase, title, "desc", LocalDateTime.of(2026, 3, 4, 5, 6, 7), T, List.of());
    }

    @Test
    void legacyEntitiesArriveInAnyOrderAndServeTheApiWithALegacyToken() throws Exception {
        UUID user = UUID.randomUUID(), project = UUID.randomUUID(), membership = UUID.randomUUID(), phase = UUID.randomUUID(),
                ticket = UUID.randomUUID();
        String email = "legacy-" + user + "@example.com";
        String topic = new Topics(prefix).legacyChanges();
        List<EntityState> states = List.of(
                ticket(ticket, project, phase, "From legacy"),
                new PhaseState(phase, project, "Backlog", 0, T),
                new MembershipState(membership, project, user, MembershipRole.ADMIN, MembershipStatus.ACCEPTED, T),
                new ProjectState(project, "Legacy project", null, T),
                new UserState(user, "Lee", email, new BCryptPasswordEncoder(4).encode("secret-password"), T));
        for (EntityState state : states) {
            kafka.send(topic, state.id().toString(), json.writeValueAsString(upsert(state, lsn.incrementAndGet()))).get();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> count("select count(*) from users_user where id = ?", user) == 1);
        String token = post("/api/login", null, java.util.Map.of("email", email, "password", "secret-password")).expect(200)
                .body().path("token").asString();
        var lee = new Account(user.toString(), email, token);
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/tickets/" + ticket, lee).status() == 200);
        assertThat(get("/api/tickets/" + ticket, lee).raw()).contains("\"title\":\"From legacy\"")
                .contains("\"dueTime\":\"2026-03-04T05:06:07\"").contains("\"createdAt\":\"2026-01-01T00:00:00\"");
        assertThat(get("/api/projects/" + project + "/phases", lee).body().get(0).path("ticketCount").asInt()).isEqualTo(1);
        assertThat(get("/api/projects", lee).body().get(0).path("name").asString()).isEqualTo("Legacy project");

        String coreTicket = createTicket(lee, project.toString(), "made in the core");
        await().atMost(Duration.ofSeconds(30)).until(() -> coreEvents().stream().anyMatch(r -> r.key().equals(coreTicket)));
        assertThat(coreEvents()).noneMatch(r -> List.of(user, project, membership, phase, ticket).stream()
                .anyMatch(id -> r.key().equals(id.toString())));
        // The core's ticket was sent after anything written to the outbox before it (one sender, in id order), so an
        // echo of the legacy's changes would be on the topic by now; none is waiting in the outbox either.
        assertThat(count("select count(*) from core_event_outbox where message_key in (?, ?, ?, ?, ?)",
                user.toString(), project.toString(), membership.toString(), phase.toString(), ticket.toString()))
                .as("no integration event is even written for a legacy change").isZero();
    }

    @Test
    void neverAppliesAnOlderChangeOverANewerOneNorTheSameChangeTwice() {
        UUID id = UUID.randomUUID(), project = UUID.randomUUID(), phase = UUID.randomUUID();
        var newer = upsert(ticket(id, project, phase, "newer"), 200);
        assertThat(apply(newer)).isTrue();
        assertThat(apply(newer)).isFalse();
        assertThat(apply(upsert(ticket(id, project, phase, "older"), 150))).isFalse();
        assertThat(jdbc.sql("select title from tickets_ticket where id = ?").param(id).query(String.class).single()).isEqualTo("newer");
        assertThat(count("select version from tickets_ticket where id = ?", id)).isEqualTo(1);

        assertThat(apply(deletion(EntityType.TICKET, id, 300))).isTrue();
        assertThat(apply(upsert(ticket(id, project, phase, "late"), 250))).isFalse();
        assertThat(count("select count(*) from tickets_ticket where id = ?", id)).isZero();
        assertThat(count("select count(*) from phases_ticket where ticket_id = ?", id)).isZero();
    }

    @Test
    void appliesABatchWithItsReadModelsInOneTransactionAndNothingInTheRegistry() {
        UUID project = UUID.randomUUID(), phase = UUID.randomUUID(), ticket = UUID.randomUUID();
        long publications = count("select count(*) from event_publication");
        int applied = applier.applyAll(List.of(
                upsert(new PhaseState(phase, project, "Backlog", 0, T), lsn.incrementAndGet()),
                upsert(ticket(ticket, project, phase, "batched"), lsn.incrementAndGet()),
                upsert(ticket(ticket, project, phase, "batched, then renamed"), lsn.incrementAndGet())));

        assertThat(applied).isEqualTo(3);
        // No unit of work drained anything: the read models were written by the applying transaction itself.
        assertThat(count("select count(*) from phases_ticket where ticket_id = ? and phase_id = ?", ticket, phase)).isEqualTo(1);
        assertThat(count("select count(*) from tickets_phase where id = ?", phase)).isEqualTo(1);
        assertThat(jdbc.sql("select title from tickets_ticket where id = ?").param(ticket).query(String.class).single())
                .isEqualTo("batched, then renamed");
        assertThat(count("select count(*) from event_publication")).as("no publication registered for legacy changes")
                .isEqualTo(publications);
        assertThat(count("select count(*) from core_event_outbox where message_key in (?, ?)", ticket.toString(), phase.toString()))
                .as("no integration event written for legacy changes").isZero();
    }

    /** Creations, renames, assignees, a deletion, a repeat and an older change: a batch ends where one by one ends. */
    @Test
    void aBatchOfTicketChangesEndsInTheStateTheSameChangesReachOneByOne() {
        UUID project = UUID.randomUUID(), phase = UUID.randomUUID(), otherPhase = UUID.randomUUID();
        UUID ann = UUID.randomUUID(), bob = UUID.randomUUID();
        java.util.function.Function<UUID[], List<LegacyChange>> script = ids -> {
            long base = lsn.addAndGet(100);
            var created = upsert(new TicketState(ids[0], project, phase, "kept", "d", null, T, List.of(ann, bob)), base + 1);
            return List.of(
                    created,
                    upsert(new TicketState(ids[1], project, phase, "deleted later", null, null, T, List.of(bob)), base + 2),
                    upsert(new TicketState(ids[2], project, phase, "moved", null, null, T, List.of()), base + 3),
                    upsert(new TicketState(ids[0], project, otherPhase, "kept, renamed", "d2", T, T, List.of(bob)), base + 4),
                    deletion(EntityType.TICKET, ids[1], base + 5),
                    created,
                    upsert(new TicketState(ids[2], project, phase, "older", null, null, T, List.of(ann)), base + 2),
                    upsert(new TicketState(ids[2], project, otherPhase, "moved again", null, null, T, List.of(ann)), base + 6));
        };
        UUID[] batched = {UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID()};
        UUID[] single = {UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID()};

        int applied = FollowUps.run(() -> applier.applyAll(script.apply(batched)));
        int appliedOneByOne = 0;
        for (LegacyChange change : script.apply(single)) {
            appliedOneByOne += apply(change) ? 1 : 0;
        }

        assertThat(applied).isEqualTo(appliedOneByOne).isEqualTo(6);
        for (int i = 0; i < 3; i++) {
            assertThat(ticketRow(batched[i])).isEqualTo(ticketRow(single[i]));
            assertThat(readModels(batched[i])).isEqualTo(readModels(single[i]));
        }
        assertThat(ticketRow(batched[0])).isEqualTo("kept, renamed|d2|" + otherPhase + "|2|" + bob + "|" + otherPhase);
        assertThat(ticketRow(batched[1])).isEqualTo("none");
        assertThat(ticketRow(batched[2])).isEqualTo("moved again|null|" + otherPhase + "|2|" + ann + "|" + otherPhase);
    }

    /**
     * A snapshot's poll (users, projects, memberships, phases, tickets, each in a run) costs the same few statements
     * whatever its size: the aggregates of a run are read, locked and stored set-wise, and every read model that follows
     * their events writes once per poll.
     */
    @Test
    void aPollOfASnapshotCostsTheSameFewStatementsWhateverItsSize(CapturedOutput output) {
        int few = statementsToApply(snapshotOf(5), output);
        int many = statementsToApply(snapshotOf(200), output);

        assertThat(many).isEqualTo(few).isLessThanOrEqualTo(30);
    }

    /**
     * The statements the applier's thread ran to apply the changes in one poll: JdbcTemplate's debug lines that carry
     * the SQL (a JDBC batch would count once, but none is left on this path).
     */
    private int statementsToApply(List<LegacyChange> changes, CapturedOutput output) {
        var logging = org.springframework.boot.logging.LoggingSystem.get(getClass().getClassLoader());
        int from = output.getOut().length();
        logging.setLogLevel("org.springframework.jdbc.core.JdbcTemplate", org.springframework.boot.logging.LogLevel.DEBUG);
        try {
            assertThat(FollowUps.run(() -> applier.applyAll(changes))).isEqualTo(changes.size());
        } finally {
            logging.setLogLevel("org.springframework.jdbc.core.JdbcTemplate", null);
        }
        String thread = "[" + Thread.currentThread().getName() + "]";
        return (int) output.getOut().substring(from).lines()
                .filter(l -> l.contains(thread) && l.matches(".* - Executing [a-zA-Z ]*SQL [a-z ]+ \\[.*")).count();
    }

    /** {@code n} users, each with a project, an accepted admin membership, a phase and a ticket, type after type. */
    private static List<LegacyChange> snapshotOf(int n) {
        List<LegacyChange> users = new java.util.ArrayList<>(), projects = new java.util.ArrayList<>(),
                memberships = new java.util.ArrayList<>(), phases = new java.util.ArrayList<>(), tickets = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            UUID user = UUID.randomUUID(), project = UUID.randomUUID(), phase = UUID.randomUUID();
            users.add(upsert(new UserState(user, "U" + i, user + "@example.org", "{bcrypt}x", T), lsn.incrementAndGet()));
            projects.add(upsert(new ProjectState(project, "P" + i, null, T), lsn.incrementAndGet()));
            memberships.add(upsert(new MembershipState(UUID.randomUUID(), project, user, MembershipRole.ADMIN,
                    MembershipStatus.ACCEPTED, T), lsn.incrementAndGet()));
            phases.add(upsert(new PhaseState(phase, project, "Backlog", 0, T), lsn.incrementAndGet()));
            tickets.add(upsert(new TicketState(UUID.randomUUID(), project, phase, "T" + i, null, null, T, List.of(user)),
                    lsn.incrementAndGet()));
        }
        return java.util.stream.Stream.of(users, projects, memberships, phases, tickets).flatMap(List::stream).toList();
    }

    /** A ticket's stored state, assignees and phase read model, with the ids left out; "none" when it is not stored. */
    private String ticketRow(UUID id) {
        return jdbc.sql("""
                select t.title || '|' || coalesce(t.description, 'null') || '|' || t.phase_id || '|' || t.version || '|'
                    || coalesce((select string_agg(a.user_id::text, ',' order by a.position) from tickets_assignee a where a.ticket_id = t.id), '')
                    || '|' || coalesce((select p.phase_id::text from phases_ticket p where p.ticket_id = t.id), 'no read model')
                from tickets_ticket t where t.id = ?""").param(id).query(String.class).optional()
                .orElseGet(() -> count("select count(*) from phases_ticket where ticket_id = ?", id) == 0 ? "none" : "read model left");
    }

    /**
     * Phases and memberships are applied set-wise too: creations, a change, a deletion, a deletion of one the core never
     * had, a repeat and an older change end where one by one ends, read models included.
     */
    @Test
    void aBatchOfPhaseAndMembershipChangesEndsInTheStateTheSameChangesReachOneByOne() {
        UUID project = UUID.randomUUID(), user = UUID.randomUUID(), otherUser = UUID.randomUUID();
        java.util.function.Function<UUID[], List<LegacyChange>> script = ids -> {
            long base = lsn.addAndGet(100);
            var phase = upsert(new PhaseState(ids[0], project, "Backlog", 0, T), base + 1);
            var member = upsert(new MembershipState(ids[2], project, user, MembershipRole.MEMBER, MembershipStatus.OPEN, T),
                    base + 3);
            return List.of(
                    phase,
                    upsert(new PhaseState(ids[1], project, "Doing", 1, T), base + 2),
                    member,
                    upsert(new MembershipState(ids[3], project, otherUser, MembershipRole.ADMIN, MembershipStatus.ACCEPTED, T),
                            base + 4),
                    upsert(new PhaseState(ids[0], project, "Backlog, renamed", 1, T), base + 5),
                    deletion(EntityType.PHASE, ids[1], base + 6),
                    upsert(new MembershipState(ids[2], project, user, MembershipRole.ADMIN, MembershipStatus.ACCEPTED, T),
                            base + 7),
                    deletion(EntityType.MEMBERSHIP, ids[3], base + 8),
                    deletion(EntityType.MEMBERSHIP, ids[4], base + 9),
                    member,
                    phase,
                    upsert(new PhaseState(ids[1], project, "older", 3, T), base + 2));
        };
        UUID[] batched = {UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID()};
        UUID[] single = {UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID()};

        int applied = FollowUps.run(() -> applier.applyAll(script.apply(batched)));
        int appliedOneByOne = 0;
        for (LegacyChange change : script.apply(single)) {
            appliedOneByOne += apply(change) ? 1 : 0;
        }

        assertThat(applied).isEqualTo(appliedOneByOne).isEqualTo(9);
        for (int i = 0; i < 2; i++) {
            assertThat(phaseRow(batched[i])).isEqualTo(phaseRow(single[i]));
        }
        for (int i = 2; i < 5; i++) {
            assertThat(membershipRow(batched[i])).isEqualTo(membershipRow(single[i]));
        }
        for (int i = 0; i < 5; i++) {
            assertThat(readModels(batched[i])).isEqualTo(readModels(single[i]));
        }
        assertThat(readModels(batched[0])).isEqualTo("tickets_phase " + project + ",1,2");
        assertThat(readModels(batched[2])).isEqualTo(String.join(";", java.util.stream.Stream.of("phases_member", "projects_member",
                "tickets_member").map(t -> t + " " + project + "," + user + ",ADMIN,true,2").toList()));
        assertThat(phaseRow(batched[0])).isEqualTo("Backlog, renamed|1|2|known to tickets");
        assertThat(phaseRow(batched[1])).isEqualTo("none");
        assertThat(membershipRow(batched[2])).isEqualTo("ADMIN|ACCEPTED|2|3 read models");
        assertThat(membershipRow(batched[3])).isEqualTo("none|0 read models");
        assertThat(membershipRow(batched[4])).isEqualTo("none|0 read models");
    }

    /**
     * Users and projects are applied set-wise too, and a user taking an email another one frees in the same poll ends as
     * one by one ends (those users are applied one at a time, in order).
     */
    @Test
    void aBatchOfUserAndProjectChangesEndsInTheStateTheSameChangesReachOneByOne() {
        java.util.function.Function<UUID[], List<LegacyChange>> script = ids -> {
            long base = lsn.addAndGet(100);
            String tag = ids[0].toString().substring(0, 8);
            var ann = upsert(new UserState(ids[0], "Ann", "ann." + tag + "@example.org", "{bcrypt}x", T), base + 1);
            return List.of(
                    ann,
                    upsert(new UserState(ids[1], "Bob", "bob." + tag + "@example.org", "{bcrypt}x", T), base + 2),
                    upsert(new ProjectState(ids[3], "Apollo", "first", T), base + 3),
                    upsert(new ProjectState(ids[4], "Gemini", null, T), base + 4),
                    upsert(new UserState(ids[0], "Ann B.", "ann.b." + tag + "@example.org", "{bcrypt}y", T), base + 5),
                    upsert(new UserState(ids[2], "Cy", "ANN." + tag + "@example.org", "{bcrypt}z", T), base + 6),
                    upsert(new ProjectState(ids[3], "Apollo 2", "second", T), base + 7),
                    deletion(EntityType.PROJECT, ids[4], base + 8),
                    deletion(EntityType.USER, ids[1], base + 9),
                    ann);
        };
        UUID[] batched = {UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID()};
        UUID[] single = {UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID()};

        int applied = FollowUps.run(() -> applier.applyAll(script.apply(batched)));
        int appliedOneByOne = 0;
        for (LegacyChange change : script.apply(single)) {
            appliedOneByOne += apply(change) ? 1 : 0;
        }

        assertThat(applied).isEqualTo(appliedOneByOne).isEqualTo(9);
        for (int i = 0; i < 3; i++) {
            assertThat(userRow(batched[i])).isEqualTo(userRow(single[i]).replace(single[0].toString().substring(0, 8),
                    batched[0].toString().substring(0, 8)));
        }
        assertThat(userRow(batched[0])).startsWith("Ann B.|ann.b.").endsWith("|2");
        assertThat(userRow(batched[1])).isEqualTo("none");
        assertThat(userRow(batched[2])).startsWith("Cy|ANN.").endsWith("|1");
        for (int i = 0; i < 5; i++) {
            assertThat(readModels(batched[i])).isEqualTo(readModels(single[i]));
        }
        assertThat(readModels(batched[0])).isEqualTo("memberships_user 2");
        assertThat(readModels(batched[1])).isEmpty();
        assertThat(readModels(batched[3])).isEqualTo("memberships_project 2;phases_project 2;tickets_project 2");
        assertThat(readModels(batched[4])).isEmpty();
        assertThat(projectRow(batched[3])).isEqualTo(projectRow(single[3])).isEqualTo("Apollo 2|second|2");
        assertThat(projectRow(batched[4])).isEqualTo(projectRow(single[4])).isEqualTo("none");
    }

    /** Every other module's read-model row of the entity, one per table, by table name; empty when none holds it. */
    private String readModels(UUID id) {
        return jdbc.sql("""
                select coalesce(string_agg(r, ';' order by r), '') from (
                    select 'memberships_project ' || version as r from memberships_project where id = :id
                    union all select 'memberships_user ' || version from memberships_user where id = :id
                    union all select 'phases_project ' || version from phases_project where id = :id
                    union all select 'tickets_project ' || version from tickets_project where id = :id
                    union all select 'tickets_phase ' || project_id || ',' || position || ',' || version from tickets_phase where id = :id
                    union all select 'phases_ticket ' || coalesce(phase_id::text, 'null') || ',' || version from phases_ticket
                        where ticket_id = :id
                    union all select m.t || ' ' || m.project_id || ',' || m.user_id || ',' || m.role || ',' || m.accepted || ','
                        || m.version from (select 'phases_member' as t, * from phases_member
                            union all select 'projects_member', * from projects_member
                            union all select 'tickets_member', * from tickets_member) m where m.membership_id = :id) rows""")
                .param("id", id).query(String.class).single();
    }

    private String userRow(UUID id) {
        return jdbc.sql("select name || '|' || email || '|' || version from users_user where id = ?").param(id)
                .query(String.class).optional().orElse("none");
    }

    private String projectRow(UUID id) {
        return jdbc.sql("select name || '|' || coalesce(description, 'null') || '|' || version from projects_project where id = ?")
                .param(id).query(String.class).optional().orElse("none");
    }

    /** A phase's stored state and whether the tickets module knows it; "none" when it is not stored. */
    private String phaseRow(UUID id) {
        return jdbc.sql("""
                select p.name || '|' || p.position || '|' || p.version || '|'
                    || case when exists (select 1 from tickets_phase t where t.id = p.id) then 'known to tickets' else 'unknown to tickets' end
                from phases_phase p where p.id = ?""").param(id).query(String.class).optional()
                .orElseGet(() -> count("select count(*) from tickets_phase where id = ?", id) == 0 ? "none" : "read model left");
    }

    /** A membership's stored state and how many modules' read models hold it. */
    private String membershipRow(UUID id) {
        long readModels = count("select count(*) from phases_member where membership_id = ?", id)
                + count("select count(*) from tickets_member where membership_id = ?", id)
                + count("select count(*) from projects_member where membership_id = ?", id);
        return jdbc.sql("select role || '|' || status || '|' || version from memberships_membership where id = ?").param(id)
                .query(String.class).optional().orElse("none") + "|" + readModels + " read models";
    }

    @Test
    void aBatchIsAppliedWhollyOrNotAtAll() {
        UUID project = UUID.randomUUID(), phase = UUID.randomUUID(), ticket = UUID.randomUUID();
        var broken = new LegacyChange(UUID.randomUUID(), EntityType.TICKET, UUID.randomUUID(), ChangeKind.UPSERTED,
                new SourcePosition(lsn.incrementAndGet(), 1, Instant.now(), false), new PhaseState(phase, project, "not a ticket", 0, T));

        assertThatThrownBy(() -> applier.applyAll(List.of(upsert(ticket(ticket, project, phase, "first"), lsn.incrementAndGet()), broken)))
                .isInstanceOf(ClassCastException.class);

        assertThat(count("select count(*) from tickets_ticket where id = ?", ticket)).isZero();
        assertThat(count("select count(*) from phases_ticket where ticket_id = ?", ticket)).isZero();
        assertThat(count("select count(*) from legacy_source_position where entity_id = ?", ticket)).isZero();
    }

    @Test
    void aChangeThatCanNeverBeAppliedGoesToTheDeadLetterTopicWithItsCoordinatesAndItsNeighboursAreApplied(CapturedOutput output)
            throws Exception {
        UUID project = UUID.randomUUID(), phase = UUID.randomUUID(), before = UUID.randomUUID(), after = UUID.randomUUID(),
                user = UUID.randomUUID();
        String topic = new Topics(prefix).legacyChanges();
        String secret = new BCryptPasswordEncoder(4).encode("never-logged");
        // A user change whose state is a ticket: it can never be applied, and it carries a password hash.
        String poison = json.writeValueAsString(new LegacyChange(UUID.randomUUID(), EntityType.TICKET, user, ChangeKind.UPSERTED,
                new SourcePosition(lsn.incrementAndGet(), 1, Instant.now(), false),
                new UserState(user, "Poison", "poison-" + user + "@example.com", secret, T)));
        String key = project.toString(); // one key: the three records share a partition, in this order
        kafka.send(topic, key, json.writeValueAsString(upsert(ticket(before, project, phase, "before"), lsn.incrementAndGet()))).get();
        var poisonSent = kafka.send(topic, key, poison).get().getRecordMetadata();
        kafka.send(topic, key, json.writeValueAsString(upsert(ticket(after, project, phase, "after"), lsn.incrementAndGet()))).get();

        await().until(() -> count("select count(*) from tickets_ticket where id = ?", after) == 1);
        assertThat(count("select count(*) from tickets_ticket where id = ?", before)).isEqualTo(1);
        assertThat(count("select count(*) from users_user where id = ?", user)).isZero();
        var letter = deadLetterWithKey(new Topics(prefix).deadLetters(), key);
        assertThat(letter.value()).isEqualTo(poison);
        assertThat(header(letter, "kafka_dlt-original-topic")).isEqualTo(topic);
        assertThat(java.nio.ByteBuffer.wrap(letter.headers().lastHeader("kafka_dlt-original-offset").value()).getLong())
                .isEqualTo(poisonSent.offset());
        assertThat(header(letter, "ficus-dlt-error")).contains("ClassCastException").doesNotContain(secret);
        assertThat(header(letter, "ficus-dlt-application")).isEqualTo("new-core");
        assertThat(header(letter, "ficus-dlt-first-failure")).isNotBlank();
        assertThat(letter.headers().lastHeader("kafka_dlt-exception-message")).isNull();
        assertThat(meters.get("ficus.core.dead.letters").tag("topic", topic).counter().count()).isGreaterThanOrEqualTo(1);
        assertThat(output.getAll()).contains("can never be applied").doesNotContain(secret);
    }

    @Test
    void aChangeWaitsWhileTheDatabaseRefusesItAndIsAppliedOnceItAcceptsItWithoutADeadLetter() throws Exception {
        UUID ticket = UUID.randomUUID();
        String topic = new Topics(prefix).legacyChanges();
        jdbc.sql("""
                create or replace function ficus_test_refuse() returns trigger language plpgsql as $$
                begin
                  if new.title like 'refused-%' then
                    raise exception 'could not serialize access' using errcode = '40001';
                  end if;
                  return new;
                end $$""").update();
        jdbc.sql("create trigger ficus_test_refuse before insert or update on tickets_ticket "
                + "for each row execute function ficus_test_refuse()").update();
        try {
            kafka.send(topic, ticket.toString(), json.writeValueAsString(
                    upsert(ticket(ticket, UUID.randomUUID(), UUID.randomUUID(), "refused-" + ticket), lsn.incrementAndGet()))).get();
            await().until(() -> retries.health().getStatus().getCode().equals("OUT_OF_SERVICE"));
            assertThat(meters.get("ficus.core.retrying").gauge().value()).isGreaterThanOrEqualTo(1);
            assertThat(meters.get("ficus.core.retry.attempts").tag("topic", topic).counter().count()).isGreaterThanOrEqualTo(2);
            assertThat(retries.health().getDetails().toString()).contains("40001");
            assertThat(count("select count(*) from tickets_ticket where id = ?", ticket)).isZero();
        } finally {
            jdbc.sql("drop trigger ficus_test_refuse on tickets_ticket").update();
        }
        await().until(() -> count("select count(*) from tickets_ticket where id = ?", ticket) == 1);
        await().until(() -> retries.health().getStatus().getCode().equals("UP"));
        assertThat(meters.get("ficus.core.retrying").gauge().value()).isZero();
    }

    @Autowired
    ConsumerRetries retries;

    org.apache.kafka.clients.consumer.ConsumerRecord<String, String> deadLetterWithKey(String topic, String key) {
        var found = new java.util.concurrent.atomic.AtomicReference<org.apache.kafka.clients.consumer.ConsumerRecord<String, String>>();
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<String, String>(java.util.Map.<String, Object>of(
                "bootstrap.servers", io.ficus.testkit.TestInfra.kafka().bootstrapServers(),
                "group.id", io.ficus.testkit.TestInfra.uniqueName("dead-letters"),
                "auto.offset.reset", "earliest",
                "key.deserializer", org.apache.kafka.common.serialization.StringDeserializer.class,
                "value.deserializer", org.apache.kafka.common.serialization.StringDeserializer.class))) {
            consumer.subscribe(List.of(topic));
            await().until(() -> {
                consumer.poll(Duration.ofMillis(100)).forEach(r -> {
                    if (key.equals(r.key())) {
                        found.set(r);
                    }
                });
                return found.get() != null;
            });
        }
        return found.get();
    }

    static String header(org.apache.kafka.clients.consumer.ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    @Test
    void countsAppliedAndSkippedChangesAndMeasuresTheirLagFromTheLegacyCommit() throws Exception {
        UUID ticket = UUID.randomUUID();
        String topic = new Topics(prefix).legacyChanges();
        var lagBefore = meters.get("ficus.core.legacy.lag").timer().count();
        double appliedBefore = meters.get("ficus.core.legacy.changes").tag("outcome", "applied").counter().count();
        double skippedBefore = meters.get("ficus.core.legacy.changes").tag("outcome", "skipped").counter().count();
        var change = new LegacyChange(UUID.randomUUID(), EntityType.TICKET, ticket, ChangeKind.UPSERTED,
                new SourcePosition(lsn.incrementAndGet(), 1, Instant.now().minusSeconds(5), false),
                ticket(ticket, UUID.randomUUID(), UUID.randomUUID(), "measured"));

        kafka.send(topic, ticket.toString(), json.writeValueAsString(change)).get();
        kafka.send(topic, ticket.toString(), json.writeValueAsString(change)).get();

        await().until(() -> meters.get("ficus.core.legacy.changes").tag("outcome", "skipped").counter().count() > skippedBefore);
        // Other tests of this context may apply changes meanwhile: at least these two were counted.
        assertThat(meters.get("ficus.core.legacy.changes").tag("outcome", "applied").counter().count()).isGreaterThanOrEqualTo(appliedBefore + 1);
        var lag = meters.get("ficus.core.legacy.lag").timer();
        assertThat(lag.count()).isGreaterThanOrEqualTo(lagBefore + 2);
        assertThat(lag.max(java.util.concurrent.TimeUnit.SECONDS)).isGreaterThanOrEqualTo(5.0);
    }

    @Autowired
    org.springframework.kafka.config.KafkaListenerEndpointRegistry listeners;
    @Autowired
    io.ficus.core.CoreProperties properties;

    @Test
    void runsOneConsumerPerConfiguredPartitionOfTheLegacyChanges() throws Exception {
        var container = (org.springframework.kafka.listener.ConcurrentMessageListenerContainer<?, ?>)
                listeners.getListenerContainer("new-core-legacy-changes");
        assertThat(container.getConcurrency()).isEqualTo(properties.legacyChangesPartitions());
        String topic = new Topics(prefix).legacyChanges();
        try (var admin = org.apache.kafka.clients.admin.AdminClient.create(java.util.Map.<String, Object>of(
                "bootstrap.servers", io.ficus.testkit.TestInfra.kafka().bootstrapServers()))) {
            var described = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
            assertThat(described.partitions()).hasSize(properties.legacyChangesPartitions());
        }
        assertThatThrownBy(() -> new io.ficus.core.CoreProperties("", Duration.ofSeconds(5), Duration.ofMinutes(1), Duration.ofDays(7),
                Duration.ofMinutes(10), 0, (short) 1, 8, Duration.ofMillis(5), true)).hasMessage("ficus.core.legacy-changes-partitions must be at least 1, not 0");
    }
}
