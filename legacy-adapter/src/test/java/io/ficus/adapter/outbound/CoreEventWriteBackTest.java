package io.ficus.adapter.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ficus.adapter.AdapterIntegrationTest;
import io.ficus.contracts.ChangeKind;
import io.ficus.contracts.CoreEvent;
import io.ficus.contracts.EntityType;
import io.ficus.contracts.MembershipRole;
import io.ficus.contracts.MembershipState;
import io.ficus.contracts.MembershipStatus;
import io.ficus.contracts.TicketState;
import io.ficus.contracts.Topics;
import io.ficus.contracts.UserState;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.json.JsonMapper;

class CoreEventWriteBackTest extends AdapterIntegrationTest {

    @Autowired
    KafkaTemplate<String, String> kafka;
    @Autowired
    JsonMapper json;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    CoreEventWriter writer;

    static final LocalDateTime CREATED = LocalDateTime.of(2026, 5, 6, 7, 8, 9);

    static CoreEvent ticket(UUID id, long version, String title, List<UUID> assignees) {
        return new CoreEvent(UUID.randomUUID(), EntityType.TICKET, id, version, ChangeKind.UPSERTED, Instant.now(), "req",
                new TicketState(id, UUID.randomUUID(), UUID.randomUUID(), title, null, null, CREATED, assignees));
    }

    Map<String, Object> ticketRow(UUID id) {
        return jdbc.sql("select * from public.tkt_ticket where tkt_id = ?").param(id.toString()).query().singleRow();
    }

    @Test
    void writesACoreTicketFromKafkaAsTheLegacyWouldHaveWrittenIt() throws Exception {
        UUID id = UUID.randomUUID();
        UUID alice = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        kafka.send(new Topics(prefix).coreEvents(), id.toString(), json.writeValueAsString(ticket(id, 1, "From core", List.of(alice, bob)))).get();

        await().atMost(Duration.ofSeconds(30)).until(() ->
                jdbc.sql("select count(*) from public.tkt_ticket where tkt_id = ?").param(id.toString()).query(Long.class).single() == 1);
        var row = ticketRow(id);
        assertThat(row.get("tkt_title")).isEqualTo("From core");
        assertThat(row.get("tkt_assignees")).isEqualTo(alice + ";" + bob);
        assertThat(row.get("tkt_del_flg")).isEqualTo("N");
        assertThat(((java.sql.Timestamp) row.get("tkt_crt_ts")).toLocalDateTime()).isEqualTo(CREATED);
    }

    @Test
    void neverWritesAnOlderOrRepeatedVersionOverANewerOne() {
        UUID id = UUID.randomUUID();
        assertThat(writer.write(ticket(id, 2, "v2", List.of()))).isTrue();
        assertThat(writer.write(ticket(id, 1, "v1 arriving late", List.of()))).isFalse();
        assertThat(writer.write(ticket(id, 2, "v2 again", List.of()))).isFalse();
        assertThat(ticketRow(id).get("tkt_title")).isEqualTo("v2");

        var deletion = new CoreEvent(UUID.randomUUID(), EntityType.TICKET, id, 3, ChangeKind.DELETED, Instant.now(), null, null);
        assertThat(writer.write(deletion)).isTrue();
        assertThat(ticketRow(id).get("tkt_del_flg")).isEqualTo("Y");
        assertThat(writer.write(ticket(id, 2, "v2 redelivered after delete", List.of()))).isFalse();
        assertThat(ticketRow(id).get("tkt_del_flg")).isEqualTo("Y");
    }

    @Test
    void writesUsersAndMembershipsWithTheLegacyCodes() {
        UUID user = UUID.randomUUID();
        UUID membership = UUID.randomUUID();
        writer.write(new CoreEvent(UUID.randomUUID(), EntityType.USER, user, 1, ChangeKind.UPSERTED, Instant.now(), null,
                new UserState(user, "Ada", "ada-" + user + "@example.com", "$2a$10$abcdefghijklmnopqrstuv", CREATED)));
        writer.write(new CoreEvent(UUID.randomUUID(), EntityType.MEMBERSHIP, membership, 1, ChangeKind.UPSERTED, Instant.now(), null,
                new MembershipState(membership, UUID.randomUUID(), user, MembershipRole.MEMBER, MembershipStatus.OPEN, CREATED)));

        assertThat(jdbc.sql("select usr_pwd_hash, usr_del_flg from public.usr_user where usr_id = ?").param(user.toString())
                .query().singleRow()).containsEntry("usr_pwd_hash", "$2a$10$abcdefghijklmnopqrstuv").containsEntry("usr_del_flg", "N");
        assertThat(jdbc.sql("select mbr_role_cd::int as mbr_role_cd, mbr_state_cd::int as mbr_state_cd from public.mbr_membership where mbr_id = ?")
                .param(membership.toString()).query().singleRow())
                .containsEntry("mbr_role_cd", 2).containsEntry("mbr_state_cd", 0);
    }

    @Test
    void marksItsOwnTransactionSoItsEchoIsRecognised() {
        UUID id = UUID.randomUUID();
        writer.write(ticket(id, 1, "marked", List.of()));
        long xid = jdbc.sql("select xmin::text::bigint from public.tkt_ticket where tkt_id = ?").param(id.toString())
                .query(Long.class).single();
        assertThat(jdbc.sql("select count(*) from ficus.sync_mark where xid = ?").param(xid).query(Long.class).single())
                .isEqualTo(1L);
    }

    @Test
    void writesAPollsEventsInOneMarkedTransactionAsIfEachHadItsOwn() {
        UUID first = UUID.randomUUID(), second = UUID.randomUUID();
        var deletion = new CoreEvent(UUID.randomUUID(), EntityType.TICKET, second, 2, ChangeKind.DELETED, Instant.now(), null, null);

        int written = writer.writeAll(List.of(ticket(first, 1, "v1", List.of()), ticket(second, 1, "other", List.of()),
                ticket(first, 2, "v2, same transaction", List.of()), ticket(first, 1, "v1 again", List.of()), deletion));

        assertThat(written).isEqualTo(4);
        assertThat(ticketRow(first).get("tkt_title")).isEqualTo("v2, same transaction");
        assertThat(ticketRow(second).get("tkt_del_flg")).isEqualTo("Y");
        long xid = jdbc.sql("select xmin::text::bigint from public.tkt_ticket where tkt_id = ?").param(first.toString())
                .query(Long.class).single();
        assertThat(jdbc.sql("select xmin::text::bigint from public.tkt_ticket where tkt_id = ?").param(second.toString())
                .query(Long.class).single()).isEqualTo(xid);
        assertThat(jdbc.sql("select count(*) from ficus.sync_mark where xid = ?").param(xid).query(Long.class).single())
                .as("one echo mark for the transaction").isEqualTo(1L);
        assertThat(jdbc.sql("select version from ficus.applied_version where entity_id = ?").param(first).query(Long.class).single())
                .isEqualTo(2L);
        // The next event of the entity finds the row as the adapter's own last write-back left it.
        assertThat(writer.write(ticket(first, 3, "v3, next poll", List.of()))).isTrue();
        assertThat(ticketRow(first).get("tkt_title")).isEqualTo("v3, next poll");
    }
}
