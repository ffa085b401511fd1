package io.ficus.core.legacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ficus.contracts.ChangeKind;
import io.ficus.contracts.CoreEvent;
import io.ficus.contracts.LegacyChange;
import io.ficus.contracts.SourcePosition;
import io.ficus.contracts.TicketState;
import io.ficus.core.CoreTest;
import io.ficus.core.shared.FollowUps;
import io.ficus.support.ownership.Grant;
import io.ficus.support.ownership.WriteGuard;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A legacy change that committed before a change the core made of the same aggregate is counted, logged by id and
 * resolved for the owner of the group's writes; a legacy change made after it applies as always.
 */
@ExtendWith(OutputCaptureExtension.class)
class StaleLegacyChangeTest extends CoreTest {

    private static final AtomicLong lsn = new AtomicLong(5_000_000);

    @Autowired
    LegacyChangeApplier applier;
    @Autowired
    WriteGuard ownership;
    @Autowired
    MeterRegistry meters;

    record CoreTicket(UUID id, UUID project, UUID phase) {
    }

    CoreTicket ticketMadeInTheCore(String title) {
        Account a = newAccount();
        UUID id = UUID.fromString(createTicket(a, defaultProject(a), title));
        return jdbc.sql("select id, project_id, phase_id from tickets_ticket where id = ?").param(id)
                .query((rs, n) -> new CoreTicket(id, rs.getObject(2, UUID.class), rs.getObject(3, UUID.class))).single();
    }

    static LegacyChange legacyRename(CoreTicket t, String title, Instant committed) {
        long position = lsn.incrementAndGet();
        return new LegacyChange(UUID.randomUUID(), io.ficus.contracts.EntityType.TICKET, t.id(), ChangeKind.UPSERTED,
                new SourcePosition(position, position, committed, false),
                new TicketState(t.id(), t.project(), t.phase(), title, null, null, LocalDateTime.of(2026, 1, 1, 0, 0), List.of()));
    }

    void ticketsOwnedBy(String owner) {
        Grant current = ownership.grants().get("tickets");
        ownership.apply(new Grant("tickets", owner, current == null ? 1 : current.epoch() + 1, List.of()));
    }

    @AfterEach
    void theLegacyOwnsTheTicketsAgain() {
        ticketsOwnedBy("legacy");
    }

    String title(UUID ticket) {
        return jdbc.sql("select title from tickets_ticket where id = ?").param(ticket).query(String.class).single();
    }

    double conflicts(String resolution) {
        var counter = meters.find("ficus.core.conflicts").tags("type", "TICKET", "resolution", resolution).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void aStaleLegacyChangeOfAGroupTheCoreOwnsIsCountedLoggedByIdAndDoesNotOverwriteTheCoresState(CapturedOutput output) {
        CoreTicket ticket = ticketMadeInTheCore("the core's title");
        ticketsOwnedBy("core");
        double before = conflicts("core-newer-kept");

        boolean applied = FollowUps.run(() -> applier.apply(
                legacyRename(ticket, "a stale legacy title", Instant.now().minusSeconds(30))));

        assertThat(applied).isFalse();
        assertThat(title(ticket.id())).isEqualTo("the core's title");
        assertThat(conflicts("core-newer-kept")).isEqualTo(before + 1);
        assertThat(output.getOut()).contains("Stale legacy change of TICKET " + ticket.id())
                .doesNotContain("a stale legacy title");
    }

    @Test
    void aLegacyChangeMadeAfterTheCoresChangeStillAppliesWhoeverOwnsTheGroup() {
        CoreTicket ticket = ticketMadeInTheCore("the core's title");
        ticketsOwnedBy("core");
        double before = conflicts("core-newer-kept");

        boolean applied = FollowUps.run(() -> applier.apply(legacyRename(ticket, "renamed in the legacy later", Instant.now())));

        assertThat(applied).isTrue();
        assertThat(title(ticket.id())).isEqualTo("renamed in the legacy later");
        assertThat(conflicts("core-newer-kept")).isEqualTo(before);
    }

    @Test
    void aStaleLegacyChangeIsKeptOutEvenWhenTheLegacyOwnsTheGroupSinceTheLaterCommitWinsAsInTheAdapter() {
        CoreTicket ticket = ticketMadeInTheCore("the core's title");
        ticketsOwnedBy("legacy");
        double before = conflicts("core-newer-kept");
        LegacyChange stale = legacyRename(ticket, "an older legacy title", Instant.now().minusSeconds(30));

        assertThat(FollowUps.run(() -> applier.apply(stale))).isFalse();

        assertThat(title(ticket.id())).isEqualTo("the core's title");
        assertThat(conflicts("core-newer-kept")).isEqualTo(before + 1);
    }
}
