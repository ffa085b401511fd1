package io.ficus.adapter.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.ficus.adapter.AdapterIntegrationTest;
import io.ficus.adapter.sync.WriteBackGuard;
import io.ficus.contracts.ChangeKind;
import io.ficus.contracts.CoreEvent;
import io.ficus.contracts.EntityType;
import io.ficus.contracts.TicketState;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A write-back never overwrites a legacy change the core did not see when the legacy's change is
 * the newer one (the lost write of issue 11), and writes over what the core did see.
 */
@ExtendWith(OutputCaptureExtension.class)
class WriteBackConflictTest extends AdapterIntegrationTest {

    @Autowired
    CoreEventWriter writer;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MeterRegistry meters;

    static final UUID PROJECT = UUID.randomUUID();
    static final UUID PHASE = UUID.randomUUID();

    static CoreEvent ticket(UUID id, long version, String title, Instant occurredAt, Long basedOnLsn, UUID basedOnEventId) {
        return new CoreEvent(UUID.randomUUID(), EntityType.TICKET, id, version, ChangeKind.UPSERTED, occurredAt, null,
                new TicketState(id, PROJECT, PHASE, title, "secret description", null, LocalDateTime.of(2026, 1, 1, 0, 0), List.of()),
                basedOnLsn, basedOnEventId);
    }

    String title(UUID id) {
        return jdbc.sql("select tkt_title from public.tkt_ticket where tkt_id = ?").param(id.toString()).query(String.class).single();
    }

    /** A client writing the legacy directly, as the legacy app does; returns the writing transaction's 32-bit id. */
    long clientRenames(UUID id, String title) {
        jdbc.sql("update public.tkt_ticket set tkt_title = ?, tkt_upd_ts = now() where tkt_id = ?").params(title, id.toString()).update();
        return jdbc.sql("select xmin::text::bigint from public.tkt_ticket where tkt_id = ?").param(id.toString()).query(Long.class).single();
    }

    Instant legacyCommitOf(UUID id) {
        return jdbc.sql("select pg_xact_commit_timestamp(xmin) from public.tkt_ticket where tkt_id = ?").param(id.toString())
                .query(java.sql.Timestamp.class).single().toInstant();
    }

    double conflicts(String resolution) {
        var counter = meters.find("ficus.adapter.conflicts").tag("type", "TICKET").tag("resolution", resolution).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void aStaleWriteBackArrivingAfterAClientsNewerLegacyWriteKeepsTheLegacyWriteAndCountsTheConflict(CapturedOutput output) {
        UUID id = UUID.randomUUID();
        assertThat(writer.write(ticket(id, 1, "A", Instant.now(), null, null))).isTrue();
        Instant v2MadeInTheCore = Instant.now();
        clientRenames(id, "B");
        assertThat(legacyCommitOf(id)).isAfter(v2MadeInTheCore);
        double before = conflicts("legacy-newer");

        boolean written = writer.write(ticket(id, 2, "A2 (stale)", v2MadeInTheCore, null, null));

        assertThat(written).isFalse();
        assertThat(title(id)).isEqualTo("B");
        assertThat(conflicts("legacy-newer")).isEqualTo(before + 1);
        assertThat(output.getAll()).contains("Write-back conflict on TICKET " + id).doesNotContain("A2 (stale)")
                .doesNotContain("secret description");
        assertThat(jdbc.sql("select count(*) from ficus.sync_mark m join public.tkt_ticket t on t.xmin::text::bigint = m.xid "
                + "where t.tkt_id = ?").param(id.toString()).query(Long.class).single())
                .as("the client's write is not marked as an echo, so CDC carries it to the core").isZero();
    }

    @Test
    void aCoreEventBasedOnTheLegacyChangeThatLastWroteTheRowIsWrittenWithoutAConflict() {
        UUID id = UUID.randomUUID();
        writer.write(ticket(id, 1, "A", Instant.now(), null, null));
        long clientXid = clientRenames(id, "B");
        long lsn = 987654321L;
        UUID basedOn = WriteBackGuard.legacyEventId("tkt_ticket", id, "u", lsn, clientXid);
        double before = conflicts("legacy-newer") + conflicts("core-newer");

        assertThat(writer.write(ticket(id, 2, "C, after seeing B", Instant.now().minusSeconds(60), lsn, basedOn))).isTrue();

        assertThat(title(id)).isEqualTo("C, after seeing B");
        assertThat(conflicts("legacy-newer") + conflicts("core-newer")).isEqualTo(before);
        assertThat(writer.write(ticket(id, 3, "D, after its own C", Instant.now().minusSeconds(60), lsn, basedOn)))
                .as("the row's last writer is the adapter's own write-back").isTrue();
        assertThat(title(id)).isEqualTo("D, after its own C");
    }

    @Test
    void aConflictingCoreChangeThatCommittedLaterIsWrittenAndCounted() {
        UUID id = UUID.randomUUID();
        writer.write(ticket(id, 1, "A", Instant.now(), null, null));
        clientRenames(id, "B");
        double before = conflicts("core-newer");

        assertThat(writer.write(ticket(id, 2, "C, later", Instant.now().plusSeconds(5), null, null))).isTrue();

        assertThat(title(id)).isEqualTo("C, later");
        assertThat(conflicts("core-newer")).isEqualTo(before + 1);
    }

    @Test
    void aPollsWriteBacksAreEachDecidedAsInATransactionOfTheirOwn() {
        UUID id = UUID.randomUUID(), other = UUID.randomUUID();
        writer.write(ticket(id, 1, "A", Instant.now(), null, null));
        Instant staleInTheCore = Instant.now();
        long clientXid = clientRenames(id, "B");
        long lsn = 123456789L;
        UUID basedOn = WriteBackGuard.legacyEventId("tkt_ticket", id, "u", lsn, clientXid);
        double before = conflicts("legacy-newer");

        int written = writer.writeAll(List.of(
                ticket(id, 2, "A2 (stale)", staleInTheCore, null, null),
                ticket(other, 1, "other", Instant.now(), null, null),
                ticket(id, 3, "C, after seeing B", Instant.now().minusSeconds(60), lsn, basedOn),
                ticket(id, 4, "D, after its own C", Instant.now().minusSeconds(60), lsn, basedOn),
                ticket(other, 1, "other again", Instant.now(), null, null)));

        assertThat(written).isEqualTo(3);
        assertThat(title(id)).isEqualTo("D, after its own C");
        assertThat(title(other)).isEqualTo("other");
        assertThat(conflicts("legacy-newer")).as("the stale write-back, kept out").isEqualTo(before + 1);
        long xid = jdbc.sql("select pg_current_xact_id()::text::bigint").query(Long.class).single();
        assertThat(jdbc.sql("select version, legacy_xid from ficus.applied_version where entity_id = ?").param(id)
                .query((rs, n) -> List.of(rs.getLong(1), rs.getLong(2))).single())
                .as("the newest version and the poll's transaction as the last write-back")
                .satisfies(v -> assertThat(v.get(0)).isEqualTo(4L), v -> assertThat(v.get(1)).isLessThan(xid));
        assertThat(writer.write(ticket(id, 5, "E, next poll", Instant.now().minusSeconds(60), null, null)))
                .as("the next poll finds the row as the adapter's own last write-back left it").isTrue();
        assertThat(title(id)).isEqualTo("E, next poll");
        assertThat(conflicts("legacy-newer")).isEqualTo(before + 1);
    }
}
